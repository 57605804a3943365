import ArchiveStore
import ArgumentParser
import DocumentModel
import DocumentSynth
import Foundation
import PostgresArchive

/// PostgreSQL's own cost per page of the shared work queue, without OCR: simulated workers
/// lease pages, hand in results the size of real ones and close each input, as fast as the
/// server lets them; with `--store`, they store each input as a document the way a worker
/// does (its row, its pages moved out of the queue, its index rows and term counts), so the
/// figures are the server's whole share of a page. The server's CPU time (its processes,
/// read from /proc, so the server must run on this machine), its commits and the WAL it
/// writes, per page; from them, how many 2-core workers one server core can feed.
@main
struct BenchQueue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sohoa-bench-queue",
        abstract: "PostgreSQL's cost per page of sohoa's work queue, at the rate of N workers.")

    @Option(help: "A server on this machine, as a user who may create databases (scripts/postgres-cluster prints one).")
    var archive: String

    @Option(help: "The cluster's data folder, to find the server's processes (postmaster.pid).")
    var data: String

    @Option(help: "Simulated workers, as a comma-separated list of rounds.")
    var workers = "1,2,4,8"

    @Option(help: "Pages per round.")
    var pages = 3000

    @Option(help: "Pages per input (the corpus-real average is 6.3).")
    var pagesPerInput = 6

    @Option(help: "Bytes of each page result (a recognised page with its word boxes averages 23 KB).")
    var resultBytes = 23_000

    @Option(help: "A file whose text stands for each page result (a real page's JSON compresses as PostgreSQL's TOAST will); random letters of --result-bytes otherwise.")
    var resultFile: String?

    @Option(help: "Pages a minute that one 2-core worker reads (BENCHMARKS: about 100).")
    var workerRate = 100.0

    @Flag(help: "Store each finished input as a document through the archive, as a worker does, with generated text in the result file's shape (needs --result-file).")
    var store = false

    func validate() throws {
        if store, resultFile == nil { throw ValidationError("--store needs --result-file: a recognised page's JSON to give generated text its shape") }
    }

    mutating func run() throws {
        let admin = try PostgresAddress(parsing: archive)
        let rounds = workers.split(separator: ",").compactMap { Int($0) }
        print("| simulated workers | pages/s | server CPU-ms/page | commits/page | WAL KB/page | 2-core workers fed by one server core |")
        print("|---|---|---|---|---|---|")
        for (index, count) in rounds.enumerated() {
            var address = admin
            address.database = "bench_queue_\(ProcessInfo.processInfo.processIdentifier)_\(index)"
            let setup = try PostgresLink(admin)
            try setup.execute("CREATE DATABASE \(address.database)")
            defer { try? PostgresLink(admin).execute("DROP DATABASE \(address.database) WITH (FORCE)") }
            let row = try round(address, workers: count)
            print(row)
        }
    }

    private func round(_ address: PostgresAddress, workers count: Int) throws -> String {
        let registrar = try WorkQueue(link: try PostgresLink(address))
        let run = try registrar.beginRun(batchRoot: "/bench", inputsFound: pages / pagesPerInput, host: "bench", pid: 1, ocrEngine: nil)
        for n in 0..<(pages / pagesPerInput) {
            // The first 16 hex digits name the document: they differ from input to input.
            let sha = SHA256(rawValue: String(format: "%016x", n) + String(repeating: "0", count: 48))!
            let (input, _) = try registrar.registerInput(run: run, batchRoot: "/bench", source: "input-\(n).pdf", sha256: sha, stagedPath: nil)
            try registrar.registerPages(pagesPerInput, of: input)
        }
        // Each simulated worker uses only its own queue and archive, from its own thread.
        let queues = Unshared(try (0..<count).map { _ in try WorkQueue(link: try PostgresLink(address)) })
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("bench-queue-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: files) }
        let archives = Unshared(store ? try (0..<count).map { _ in try SharedArchive.open(address, files: files) } : [])
        let results = try pageResults()
        let before = try Counters(link: registrar.link, data: data)
        let started = Date()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                let queue = queues.value[index]
                let me = try queue.join(host: "bench", pid: index)
                while let lease = try queue.lease(for: me).first {
                    let result = results[(lease.input.rawValue * pagesPerInput + lease.number) % results.count]
                    if case .kept(let input?) = try queue.complete(lease, by: me, result: result.json, source: .ocr, seconds: 0.6) {
                        let handedIn = try queue.pageResults(of: input)
                        if store {
                            try storeDocument(input, pages: handedIn, metadata: result.metadata, queue: queue, in: archives.value[index])
                        } else {
                            _ = try queue.finishInput(input, by: me, as: .ok)
                        }
                    }
                }
            } catch {
                failures.add(error)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        if let error = failures.first { throw error }
        let after = try Counters(link: registrar.link, data: data)
        let done = Double(pages / pagesPerInput * pagesPerInput)
        let cpuMs = (after.serverCPUSeconds - before.serverCPUSeconds) * 1000 / done
        let commits = Double(after.commits - before.commits) / done
        let walKB = Double(after.walBytes - before.walBytes) / done / 1024
        let perCorePagesPerSecond = 1000 / cpuMs
        let fed = perCorePagesPerSecond / (workerRate / 60)
        return String(format: "| %d | %.0f | %.2f | %.1f | %.1f | %.0f |", count, done / seconds, cpuMs, commits, walKB, fed)
    }

    /// What workers hand in: the result file, or random letters of --result-bytes; with
    /// --store, 64 generated pages of the 16 types in the result file's shape, each with
    /// the metadata of its document, so that the index sees the words of real documents.
    private func pageResults() throws -> [(json: String, metadata: DocumentMetadata)] {
        guard let resultFile else {
            let letters = String((0..<resultBytes).map { _ in "0123456789abcdefghijklmnopqrstuvwxyzđêôơư ".randomElement()! })
            return [(letters, DocumentMetadata())]
        }
        let json = try String(contentsOfFile: resultFile, encoding: .utf8)
        guard store else { return [(json, DocumentMetadata())] }
        let shape = try JSONDecoder().decode(RecognizedPage.self, from: Data(json.utf8))
        var factory = DocumentFactory(seed: 16)
        return try (0..<64).map { index in
            let document = factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count])
            var page = shape
            page.text = document.pageTexts[0]
            return (String(decoding: try JSONEncoder().encode(page), as: UTF8.self), document.metadata)
        }
    }

    /// Stores a finished input as a worker does: its pages move out of the queue inside
    /// the store's transaction, which also closes the input.
    private func storeDocument(_ input: InputID, pages handedIn: [(number: Int, result: String?, failure: String?)],
                               metadata: DocumentMetadata, queue: WorkQueue, in archive: Archive) throws {
        guard let queued = try queue.input(input) else { return }
        let pages = try handedIn.map { handed in
            var page = try JSONDecoder().decode(RecognizedPage.self, from: Data((handed.result ?? "").utf8))
            page.number = handed.number
            page.words = []
            return page
        }
        try archive.store(NewDocument(batchRoot: queued.batchRoot, source: queued.source, sha256: queued.sha256,
                                      originalPath: "originals/\(queued.sha256.rawValue).pdf", byteCount: 0, mediaType: "application/pdf",
                                      pages: pages, metadata: metadata, ledgerInput: input))
    }
}

/// What the server has spent so far.
private struct Counters {
    var serverCPUSeconds: Double
    var commits: Int
    var walBytes: Int

    init(link: PostgresLink, data: String) throws {
        _ = try link.rows("SELECT pg_stat_force_next_flush() IS NULL AS flushed") { try $0.bool("flushed") }
        Thread.sleep(forTimeInterval: 1.1)
        commits = try link.rows("SELECT sum(xact_commit)::bigint AS n FROM pg_stat_database") { try $0.int("n") }[0]
        walBytes = try link.rows("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS n") { try $0.int("n") }[0]
        serverCPUSeconds = try Counters.cpuSeconds(ofClusterIn: data)
    }

    /// User and system time of the postmaster and all its children, from /proc.
    static func cpuSeconds(ofClusterIn data: String) throws -> Double {
        let pidText = try String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8)
        guard let postmaster = pidText.split(separator: "\n").first.flatMap({ Int($0) }) else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
            guard let pid = Int(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 13, let parent = Int(fields[1]) else { continue }
            guard pid == postmaster || parent == postmaster else { continue }
            total += (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        }
        return total / ticks
    }
}

private final class Unshared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: (any Error)?
    func add(_ error: any Error) { lock.withLock { if first == nil { first = error } } }
}
