import ArchiveStore
import DocumentModel
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// The shared queue against a real PostgreSQL server: leases, heartbeats, attempts and
/// the exactly-once hand-in, with several connections at once as several machines would.
final class WorkQueueTests: XCTestCase {
    private var address: PostgresAddress!

    override func setUpWithError() throws {
        address = try PostgresAddress(parsing: try TestPostgres.shared().freshDatabase())
    }

    private func queue(_ settings: QueueSettings = QueueSettings()) throws -> WorkQueue {
        try WorkQueue(link: try PostgresLink(address), settings: settings)
    }

    /// Registers `inputs` inputs of `pages` pages each; returns their ids.
    private func register(_ queue: WorkQueue, inputs: Int, pages: Int) throws -> [InputID] {
        let run = try queue.beginRun(batchRoot: "/scans/hop-05", inputsFound: inputs, host: "station-1", pid: 1, ocrEngine: nil)
        return try (1...inputs).map { n in
            let sha = SHA256(rawValue: String(repeating: String(n % 10), count: 64))!
            let (id, status) = try queue.registerInput(run: run, batchRoot: "/scans/hop-05", source: "HS\(n).pdf", sha256: sha, stagedPath: nil)
            XCTAssertEqual(status, .discovered)
            try queue.registerPages(pages, of: id)
            return id
        }
    }

    func testEveryPageIsKeptOnceAndEveryInputAssembledOnceAcrossConcurrentWorkers() throws {
        let inputs = try register(try queue(), inputs: 12, pages: 7)
        let tally = Tally()
        let address = self.address!
        let group = DispatchGroup()
        for machine in 1...3 {
            DispatchQueue.global().async(group: group) {
                do {
                    let queue = try WorkQueue(link: try PostgresLink(address))
                    let me = try queue.join(host: "station-\(machine)", pid: machine)
                    while true {
                        let leases = try queue.lease(for: me, limit: 2)
                        if leases.isEmpty { break }
                        for lease in leases {
                            let handIn = try queue.complete(lease, by: me, result: "page \(lease.number)", source: .ocr, seconds: 0.01)
                            tally.page(lease, handIn)
                            if case .kept(let input?) = handIn {
                                tally.assembled(input, try queue.finishInput(input, by: me, as: .ok))
                            }
                        }
                    }
                } catch {
                    tally.fail(error)
                }
            }
        }
        group.wait()
        XCTAssertEqual(tally.errors, [])
        XCTAssertEqual(tally.keptPages.count, 12 * 7)
        XCTAssertEqual(Set(tally.keptPages).count, 12 * 7, "a page was kept twice")
        XCTAssertEqual(tally.assembledInputs.sorted { $0.rawValue < $1.rawValue }, inputs, "each input assembled exactly once")
        let results = try queue().pageResults(of: inputs[3])
        XCTAssertEqual(results.map(\.number), Array(1...7))
        XCTAssertEqual(results.map(\.result), (1...7).map { "page \($0)" })
    }

    func testAnExpiredLeaseGoesToAnotherWorkerAndTheLateResultIsDropped() throws {
        let queue = try queue(QueueSettings(leaseSeconds: 0.4, maxAttempts: 3))
        let input = try register(queue, inputs: 1, pages: 1)[0]
        let slow = try queue.join(host: "station-1", pid: 11), fast = try queue.join(host: "station-2", pid: 22)
        let first = try XCTUnwrap(queue.lease(for: slow).first)
        XCTAssertEqual(first.attempt, 1)
        XCTAssertEqual(try queue.lease(for: fast), [], "a live lease is not handed out twice")
        Thread.sleep(forTimeInterval: 0.6)
        let second = try XCTUnwrap(queue.lease(for: fast).first)
        XCTAssertEqual(second.attempt, 2)
        XCTAssertEqual(try queue.complete(first, by: slow, result: "late", source: .ocr, seconds: 1), .leaseLost)
        XCTAssertEqual(try queue.complete(second, by: fast, result: "kept", source: .ocr, seconds: 1), .kept(assemble: input))
        XCTAssertEqual(try queue.pageResults(of: input).first?.result, "kept")
    }

    func testAPageThatKeepsStoppingItsReaderFailsWithItsReasonAndTheInputStillCloses() throws {
        let queue = try queue(QueueSettings(leaseSeconds: 0.3, maxAttempts: 2))
        let input = try register(queue, inputs: 1, pages: 2)[0]
        let crashing = try queue.join(host: "station-9", pid: 99), healthy = try queue.join(host: "station-2", pid: 22)
        let leases = try queue.lease(for: crashing, limit: 2)
        XCTAssertEqual(leases.map(\.number), [1, 2])
        guard case .kept(nil) = try queue.complete(leases[1], by: crashing, result: "2", source: .ocr, seconds: 0) else {
            return XCTFail("page 2 is kept, and page 1 is still open")
        }
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertEqual(try queue.lease(for: crashing).map(\.attempt), [2])
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertEqual(try queue.lease(for: healthy), [], "begun twice: not begun a third time")
        let failure = try XCTUnwrap(queue.pageResults(of: input).first?.failure)
        XCTAssertTrue(failure.contains("began 2 times") && failure.contains("station-9, pid 99"), failure)
        XCTAssertEqual(try queue.claimAssembly(for: healthy), input, "an input whose last page failed is assembled all the same")
        XCTAssertNil(try queue.claimAssembly(for: crashing))
    }

    func testAHeartbeatKeepsLeasesAndLeavingReturnsWhatWasNotBegun() throws {
        let queue = try queue(QueueSettings(leaseSeconds: 0.6, maxAttempts: 3))
        let input = try register(queue, inputs: 1, pages: 3)[0]
        let me = try queue.join(host: "station-1", pid: 1), other = try queue.join(host: "station-2", pid: 2)
        let leases = try queue.lease(for: me, limit: 3)
        for _ in 0..<4 {
            Thread.sleep(forTimeInterval: 0.25)
            try queue.heartbeat(me)
        }
        XCTAssertEqual(try queue.lease(for: other), [], "leases kept alive by the heartbeat")
        let snapshot = try queue.snapshot()
        XCTAssertEqual(snapshot.workers.first { $0.id == me }?.leases, 3)
        XCTAssertEqual(snapshot.leases.count, 3)
        XCTAssertEqual(snapshot.stuck.count, 0)

        XCTAssertEqual(try queue.complete(leases[0], by: me, result: "{}", source: .ocr, seconds: 0), .kept(assemble: nil))
        try queue.leave(me, returning: Array(leases.dropFirst()))
        let again = try queue.lease(for: other, limit: 3)
        XCTAssertEqual(again.map(\.number), [2, 3])
        XCTAssertEqual(again.map(\.attempt), [1, 1], "a page never begun is not counted as an attempt")
        XCTAssertEqual(try queue.snapshot().workers.first { $0.id == me }?.stopped, true)
        _ = input
    }

    func testOnlyTheHolderOfTheClaimFinishesAnInput() throws {
        let queue = try queue(QueueSettings(leaseSeconds: 0.3, maxAttempts: 3))
        let input = try register(queue, inputs: 1, pages: 1)[0]
        let first = try queue.join(host: "station-1", pid: 1), second = try queue.join(host: "station-2", pid: 2)
        let lease = try XCTUnwrap(queue.lease(for: first).first)
        XCTAssertEqual(try queue.complete(lease, by: first, result: "{}", source: .ocr, seconds: 0), .kept(assemble: input))
        XCTAssertNil(try queue.claimAssembly(for: second), "the claim is held")
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertEqual(try queue.claimAssembly(for: second), input, "a claim whose holder stopped beating passes on")
        var ranInside = 0
        XCTAssertFalse(try queue.finishInput(input, by: first, as: .ok) { ranInside += 1 })
        XCTAssertTrue(try queue.finishInput(input, by: second, as: .ok) { ranInside += 1 })
        XCTAssertFalse(try queue.finishInput(input, by: second, as: .ok) { ranInside += 1 }, "finished once")
        XCTAssertEqual(ranInside, 1)
    }

    func testAnInputIsRegisteredOnceHoweverManyMachinesFindIt() throws {
        let queue = try queue()
        let run = try queue.beginRun(batchRoot: "/scans", inputsFound: 1, host: "a", pid: 1, ocrEngine: nil)
        let sha = SHA256(rawValue: String(repeating: "a", count: 64))!
        let first = try queue.registerInput(run: run, batchRoot: "/scans", source: "x.pdf", sha256: sha, stagedPath: nil)
        let again = try queue.registerInput(run: run, batchRoot: "/scans", source: "x.pdf", sha256: sha, stagedPath: nil)
        XCTAssertEqual(first.id, again.id)
        try queue.registerPages(4, of: first.id)
        try queue.registerPages(4, of: first.id)
        let me = try queue.join(host: "a", pid: 1)
        XCTAssertEqual(try queue.lease(for: me, limit: 10).count, 4)
    }

    func testTheLinkComesBackAfterTheServerRestarts() throws {
        let link = try PostgresLink(address)
        try link.execute("CREATE TABLE notes (text text)")
        try link.execute("INSERT INTO notes VALUES ($1)", [.text("trước khi khởi động lại")])
        try TestPostgres.shared().restart()
        var answer: [String] = []
        do {
            answer = try link.rows("SELECT text FROM notes") { try $0.text("text") }
        } catch let failure as PostgresFailure {
            XCTAssertTrue(failure.isConnectionLost, "\(failure)")
            answer = try link.rows("SELECT text FROM notes") { try $0.text("text") }
        }
        XCTAssertEqual(answer, ["trước khi khởi động lại"])
    }

    func testAWrongPasswordIsSaidWithoutPrintingIt() throws {
        var wrong = address!
        wrong.password = "not-the-password"
        XCTAssertThrowsError(try PostgresLink(wrong)) { error in
            XCTAssertTrue("\(error)".contains("password authentication failed"), "\(error)")
            XCTAssertFalse("\(error)".contains("not-the-password"), "\(error)")
        }
    }
}

/// What the worker threads saw, gathered under a lock.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var keptPages: [PageLease] = []
    private(set) var assembledInputs: [InputID] = []
    private(set) var errors: [String] = []

    func page(_ lease: PageLease, _ handIn: PageHandIn) {
        lock.withLock { if handIn != .leaseLost { keptPages.append(lease) } }
    }

    func assembled(_ input: InputID, _ finished: Bool) {
        lock.withLock { if finished { assembledInputs.append(input) } }
    }

    func fail(_ error: any Error) {
        lock.withLock { errors.append("\(error)") }
    }
}
