import DocumentSynth
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// Workers on other machines: each `sohoa worker` runs in a network namespace of its own,
/// linked to this machine by a virtual cable (veth), so it reaches PostgreSQL only over TCP
/// at the server's address on that link, as a scanning station down the corridor would.
/// The files folder is shared, as an agency's network share would be.
///
/// Namespaces need root (or CAP_NET_ADMIN); where the sandbox refuses them the test says so
/// and skips, and `WorkerCrashTests` still runs the workers as separate processes.
final class TwoHostsTests: XCTestCase {
    private var stations: [Station] = []
    private var server: TestPostgres?
    private var running: [Process] = []

    /// A network namespace with one veth link to this machine: `serverSide` here,
    /// `stationSide` inside.
    private struct Station {
        let name: String
        let serverSide: String
        let stationSide: String

        static func make(_ name: String, subnet: String) throws -> Station {
            let station = Station(name: name, serverSide: "\(subnet).1", stationSide: "\(subnet).2")
            let link = "v\(name)", inside = "v\(name)s"
            try ip(["netns", "add", name])
            do {
                try ip(["link", "add", link, "type", "veth", "peer", "name", inside, "netns", name])
                try ip(["addr", "add", "\(station.serverSide)/24", "dev", link])
                try ip(["link", "set", link, "up"])
                try ip(["netns", "exec", name, "ip", "addr", "add", "\(station.stationSide)/24", "dev", inside])
                try ip(["netns", "exec", name, "ip", "link", "set", inside, "up"])
                try ip(["netns", "exec", name, "ip", "link", "set", "lo", "up"])
            } catch {
                station.remove()
                throw error
            }
            return station
        }

        /// Removing the namespace removes both ends of its link.
        func remove() {
            _ = try? ExternalTool.run("ip", ["netns", "del", name])
        }

        /// `command` as a process inside the namespace.
        func process(_ command: String, _ arguments: [String]) -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
            process.arguments = ["netns", "exec", name, command] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }

        private static func ip(_ arguments: [String]) throws {
            let run = try ExternalTool.run("ip", arguments)
            guard run.status == 0 else { throw XCTSkip("network namespaces are not permitted here (ip \(arguments.joined(separator: " ")): \(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))") }
        }
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: SohoaBinary.url.path),
                          "build the sohoa binary first (swift build --build-tests builds it)")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip"), "iproute2 is not installed (scripts/setup-native)")
        let tag = Int(getpid()) % 100
        for (index, letter) in ["a", "b"].enumerated() {
            stations.append(try Station.make("sohoa\(getpid())\(letter)", subnet: "10.77.\(tag * 2 + index)"))
        }
        server = try TestPostgres.dedicated(alsoListeningOn: stations.map(\.serverSide))
    }

    override func tearDownWithError() throws {
        for process in running where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for station in stations { station.remove() }
        server?.stop()
    }

    func testWorkersInTheirOwnNetworksShareABatchOverTCP() throws {
        let server = try XCTUnwrap(server)
        let address = try server.freshDatabase()
        let port = try XCTUnwrap(URLComponents(string: address)?.port)
        let batch = try BatchFixture()
        let files = try TemporaryFolder()
        var factory = DocumentFactory(seed: 2016)
        for index in 0..<8 {
            try batch.addScannedPDF("tram-\(index).pdf", factory.make(.congVan, pages: 2), dpi: 150)
        }

        // A station cannot see the server's loopback: it is on another network.
        for station in stations {
            let probe = station.process("bash", ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"])
            try probe.run()
            probe.waitUntilExit()
            XCTAssertNotEqual(probe.terminationStatus, 0, "\(station.name) reached 127.0.0.1 of the server's machine")
        }

        let ingest = try SohoaBinary.start(["ingest", batch.inputs.url.path, "--archive", address, "--files", files.url.path,
                                            "--workers", "1", "--quiet"])
        running.append(ingest)

        let watcher = try PostgresLink(try PostgresAddress(parsing: address))
        let deadline = Date().addingTimeInterval(120)
        while (try? watcher.rows("SELECT count(*) AS n FROM input_pages") { try $0.int("n") }.first ?? 0) ?? 0 == 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        var workers: [Process] = []
        for station in stations {
            let remote = address.replacingOccurrences(of: "@127.0.0.1:", with: "@\(station.serverSide):")
            let worker = station.process(SohoaBinary.url.path, ["worker", "--workers", "1", "--archive", remote, "--files", files.url.path])
            try worker.run()
            running.append(worker)
            workers.append(worker)
        }
        var clients: Set<String> = []
        while ingest.isRunning || workers.contains(where: \.isRunning) {
            let seen = try watcher.rows("""
                SELECT DISTINCT host(client_addr) AS client FROM pg_stat_activity WHERE datname = current_database() AND client_addr IS NOT NULL
                """) { try $0.text("client") }
            clients.formUnion(seen)
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(ingest.terminationStatus, 0)
        for worker in workers { XCTAssertEqual(worker.terminationStatus, 0, "a station's worker leaves once the queue is empty") }
        XCTAssertTrue(clients.isSuperset(of: stations.map(\.stationSide)), "each station spoke to the server from its own network: \(clients)")

        let done = try watcher.rows("""
            SELECT w.pid, w.pages_done FROM workers w
            """) { (try $0.int("pid"), try $0.int("pages_done")) }
        let byPid = Dictionary(done, uniquingKeysWith: +)
        for (station, worker) in zip(stations, workers) {
            // `ip netns exec` runs the worker in place of itself: the process is the worker.
            XCTAssertGreaterThan(byPid[Int(worker.processIdentifier)] ?? 0, 0, "\(station.name)'s worker read pages")
        }
        XCTAssertEqual(byPid.values.reduce(0, +), 16, "every page read once")
        let stored = try watcher.rows("SELECT count(*) AS n FROM inputs WHERE status = 'ok'") { try $0.int("n") }.first
        XCTAssertEqual(stored, 8)
        let verify = try ExternalTool.run(SohoaBinary.url.path, ["verify", "--archive", address, "--files", files.url.path])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }
}
