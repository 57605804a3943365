import ArchiveStore
import ArgumentParser
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import PostgresArchive
import VietnameseText

/// Builds an archive of generated documents (text and metadata, no OCR) and times the
/// index build and a fixed mix of searches on it.
struct SearchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sohoa-bench-search",
        abstract: "Search benchmark: index build rate and query latency (p50/p95/p99) on generated documents.")

    @Option(help: "Documents to generate and index.")
    var documents = 100_000

    @Option(help: ArgumentHelp("Archive folder to build (emptied first), or postgresql://USER[:PASS]@HOST[:PORT]/DB, an empty database.",
                               valueName: "dir|url"))
    var archive = "bench-out/search"

    @Option(help: ArgumentHelp("With a PostgreSQL archive: the folder of its files.", valueName: "dir"))
    var files = "bench-out/search-files"

    @Option(help: "Queries of each kind.")
    var queries = 100

    @Option(help: "Seed; the same seed builds the same archive and asks the same queries.")
    var seed: UInt64 = 2026

    @Flag(help: "Query the archive an earlier run built with the same --documents and --seed, without building it again.")
    var reuseArchive = false

    @Option(parsing: .upToNextOption,
            help: "Clearances to ask the queries as (none, mat, toi_mat, tuyet_mat), each in turn: documents above one are left out by the queries themselves.")
    var clearance: [String] = ["tuyet_mat", "none"]

    func validate() throws {
        guard clearance.allSatisfy({ Clearance(rawValue: $0) != nil }) else {
            throw ValidationError("--clearance takes none, mat, toi_mat or tuyet_mat")
        }
    }

    func run() throws {
        let server = archive.hasPrefix("postgresql://") ? try PostgresAddress(parsing: archive) : nil
        let folder = URL(fileURLWithPath: server == nil ? archive : files)
        if !reuseArchive { try? FileManager.default.removeItem(at: folder) }
        let store = try server.map { try SharedArchive.open($0, files: folder) } ?? Archive(directory: folder)
        var factory = DocumentFactory(seed: seed)
        var samples: [SyntheticDocument] = []
        var generating = 0.0, storing = 0.0
        var batch: [NewDocument] = []
        for index in 0..<documents {
            let started = Date()
            let types = DocumentFactory.requiredTypes
            var document = factory.make(types[index % types.count], pages: 1 + index % 3)
            // One document in ten classified, as a records office's holdings might be: 7% Mật,
            // 2% Tối mật, 1% Tuyệt mật, so a reader without clearance has a tenth hidden.
            document.metadata.secrecy = [3: .mat, 13: .mat, 23: .mat, 33: .mat, 43: .mat, 53: .mat, 63: .mat,
                                         73: .toiMat, 83: .toiMat, 93: .tuyetMat][index % 100]
            let sha = SHA256(rawValue: String(format: "%016x", index + 1) + String(repeating: "0", count: 48))!
            batch.append(NewDocument(
                batchRoot: "/bench", source: "hop_\(index / 1_000)/\(index).pdf", sha256: sha,
                originalPath: "originals/\(sha).pdf", byteCount: 0, mediaType: "application/pdf",
                pages: document.pageTexts.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer) },
                metadata: document.metadata))
            if index % max(1, documents / 500) == 0 { samples.append(document) }
            generating += Date().timeIntervalSince(started)
            if reuseArchive {
                batch.removeAll(keepingCapacity: true)
            } else if batch.count == 1_000 || index == documents - 1 {
                let storeStarted = Date()
                try store.store(contentsOf: batch)
                storing += Date().timeIntervalSince(storeStarted)
                batch.removeAll(keepingCapacity: true)
                if (index + 1) % 10_000 == 0 { FileHandle.standardError.write(Data("indexed \(index + 1)\n".utf8)) }
            }
        }
        if !reuseArchive {
            // Recent pages wait in the write-ahead log until a checkpoint (at the latest, at close).
            func megabytes(_ name: String) -> Double {
                Double((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0) / 1e6
            }
            let size: String
            if let server {
                let bytes = try PostgresLink(server).rows("SELECT pg_database_size(current_database()) AS b") { try $0.int("b") }.first ?? 0
                size = String(format: "database %.0f MB on the server", Double(bytes) / 1e6)
            } else {
                size = String(format: "database %.0f MB + write-ahead log %.0f MB", megabytes("sohoa.sqlite"), megabytes("sohoa.sqlite-wal"))
            }
            print(String(format: "Index build: %d documents in %.1f s = %.0f documents/s (generating them took another %.1f s); %@",
                         documents, storing, Double(documents) / storing, generating, size))
        }

        for level in clearance.compactMap(Clearance.init(rawValue:)) {
            var random = SplitMix64(seed: seed)
            try time(QueryMix(samples: samples, count: queries, visibleTo: level, random: &random), on: store, asking: level)
        }
    }

    private func time(_ mix: QueryMix, on store: Archive, asking level: Clearance) throws {
        var all: [Double] = []
        print("\nAsked with clearance \(level.rawValue):")
        print("kind                        queries   p50 ms   p95 ms   p99 ms   mean hits")
        for (kind, list) in mix.kinds {
            var times: [Double] = []
            var hits = 0
            for query in list {
                let started = DispatchTime.now().uptimeNanoseconds
                if kind.hasPrefix("faceted") {
                    hits += try store.facets(query).total
                } else {
                    hits += try store.search(query).hits.count
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            }
            all += times
            print(row(kind, times, meanHits: Double(hits) / Double(list.count)))
        }
        print(row("all", all, meanHits: nil))
    }

    private func row(_ kind: String, _ times: [Double], meanHits: Double?) -> String {
        let sorted = times.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        let hits = meanHits.map { String(format: "%9.1f", $0) } ?? ""
        return kind.padding(toLength: 26, withPad: " ", startingAt: 0)
            + String(format: "%9d %8.1f %8.1f %8.1f", times.count, percentile(0.5), percentile(0.95), percentile(0.99)) + hits
    }
}

/// The fixed mix of searches, drawn from documents known to be in the archive.
struct QueryMix {
    var kinds: [(String, [SearchQuery])] = []

    init(samples: [SyntheticDocument], count: Int, visibleTo clearance: Clearance, random: inout SplitMix64) {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func words(_ document: SyntheticDocument) -> [String] {
            document.pageTexts.joined(separator: " ").split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count > 1 }
        }
        var plain: [SearchQuery] = [], marked: [SearchQuery] = [], phrases: [SearchQuery] = []
        var numbers: [SearchQuery] = [], filtered: [SearchQuery] = [], faceted: [SearchQuery] = []
        for index in 0..<count {
            let document = pick(samples)
            let text = words(document)
            let start = Int(random.next() % UInt64(max(1, text.count - 3)))
            let two = text[start..<min(text.count, start + 2)].joined(separator: " ")
            marked.append(SearchQuery(text: two.lowercased(), visibleTo: clearance))
            plain.append(SearchQuery(text: VietnameseText.fold(two).lowercased(), visibleTo: clearance))
            phrases.append(SearchQuery(text: "\"" + text[start..<min(text.count, start + 3)].joined(separator: " ") + "\"", visibleTo: clearance))
            if let number = document.metadata.number {
                let parts = number.split(separator: "/")
                let forms = [number, number.lowercased(), "\(parts.last ?? "") \(parts.first ?? "")", "số \(parts.first ?? "")"]
                numbers.append(SearchQuery(text: forms[index % forms.count], visibleTo: clearance))
            }
            var query = SearchQuery(text: VietnameseText.fold(pick(text)).lowercased(), visibleTo: clearance)
            query.filters.docTypes = [document.metadata.docType]
            if let year = document.metadata.issuedDate?.year {
                query.filters.issuedFrom = "\(year)-01-01"
                query.filters.issuedTo = "\(year)-12-31"
            }
            filtered.append(query)
            faceted.append(SearchQuery(text: VietnameseText.fold(pick(text)).lowercased(), visibleTo: clearance))
        }
        kinds = [
            ("words, no diacritics", plain), ("words, with diacritics", marked), ("phrases", phrases),
            ("numbers", numbers), ("filtered (type + year)", filtered), ("faceted (counts)", faceted),
        ]
    }
}

SearchBenchmark.main()
