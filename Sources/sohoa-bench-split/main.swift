import ArchiveStore
import ArgumentParser
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import PDFRendering
import Pipeline

/// Measures how well `DocumentSplitter` finds where documents begin in bound scans:
/// boundary precision, recall and F1, and how many boundaries it sends to review.
///
/// Two sets, each scanned and recognised by the real pipeline (with splitting off, so each
/// scan is stored whole and its pages can be split again as often as wanted):
/// - generated hồ sơ (`BoundHoSo`): documents of the archive variety with appendices,
///   blank back sides and separator sheets, scanned at `--dpi`;
/// - bindings of corpus-real: each real document's pages rendered at `--dpi` in grey, as a
///   scanning station would deliver them, then bound in `--orders` random orders, groups of
///   `--group` documents. Pages are recognised once and bound afterwards: a page's OCR
///   does not depend on its neighbours.
struct SplitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sohoa-bench-split",
        abstract: "Bound-scan splitting benchmark: boundary precision, recall and F1 on generated hồ sơ and corpus-real bindings.")

    @Option(help: "Generated hồ sơ to bind and scan (0: none).")
    var generated = 12

    @Option(help: "Documents per generated hồ sơ.")
    var documents = 5

    @Option(help: ArgumentHelp("Generated documents' set: plain, archive, tuning or held-back (the font no rule was tuned on).", valueName: "set"))
    var set = "archive"

    @Option(help: ArgumentHelp("corpus-real's folder (with truth.jsonl); its documents are bound too.", valueName: "dir"))
    var corpus: String?

    @Option(help: "Documents per corpus-real binding.")
    var group = 5

    @Option(help: "Random orders in which corpus-real's documents are bound.")
    var orders = 10

    @Option(help: "Scan resolution.")
    var dpi = 200

    @Option(help: ArgumentHelp("Work folder: scans and the archive of their pages (kept, reused with --reuse).", valueName: "dir"))
    var work = "bench-out/split"

    @Flag(help: "Split the pages an earlier run stored in --work, without scanning or recognising again.")
    var reuse = false

    @Option(help: "Seed of the generated hồ sơ and of the binding orders.")
    var seed: UInt64 = 2027

    @Flag(help: "List each wrong boundary of a scan (generated) or document (corpus-real alone) with its page's first lines.")
    var verbose = false

    func run() throws {
        let folder = URL(fileURLWithPath: work)
        let inputs = folder.appendingPathComponent("inputs"), archiveFolder = folder.appendingPathComponent("archive")
        var truth: [String: [Int]] = [:]
        if !reuse {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
            guard let documentSet = DocumentSet(rawValue: set) else { throw ValidationError("--set takes plain, archive, tuning or held-back") }
            if !documentSet.missingFonts.isEmpty {
                throw ValidationError("fonts of the \(set) set are not installed: \(documentSet.missingFonts.joined(separator: ", "))")
            }
            var factory = DocumentFactory(seed: seed, variety: documentSet.variety)
            for index in 0..<generated {
                let hoSo = BoundHoSo.make(documents: documents, factory: &factory, seed: seed &+ UInt64(index))
                let name = String(format: "generated/ho-so-%03d.pdf", index + 1)
                try FileManager.default.createDirectory(at: inputs.appendingPathComponent("generated"), withIntermediateDirectories: true)
                try hoSo.writeScannedPDF(to: inputs.appendingPathComponent(name), dpi: dpi)
                truth[name] = hoSo.starts
            }
            if let corpus {
                try scanCorpus(URL(fileURLWithPath: corpus), into: inputs.appendingPathComponent("real"))
            }
            try JSONEncoder().encode(truth).write(to: folder.appendingPathComponent("truth.json"))
            var configuration = PipelineConfiguration()
            configuration.storage.searchablePDF = false
            configuration.input.splitDocuments = .off
            let started = Date()
            let report = try BatchIngestor(configuration: configuration, archive: .folder(archiveFolder)).ingest(folder: inputs)
            print(String(format: "scanned and recognised %d files, %d pages, in %.0f s", report.stored, report.ocrPages,
                         Date().timeIntervalSince(started)))
        } else {
            truth = try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        }
        let archive = try Archive(directory: archiveFolder)
        var pagesBySource: [String: [RecognizedPage]] = [:]
        for (id, source) in try archive.storedDocumentSources() {
            pagesBySource[source] = try archive.recognizedPages(of: id, visibleTo: .unrestricted)
        }
        // The splitter's own time, pages read from the archive excluded.
        var splitSeconds = 0.0, splitPages = 0
        func split(_ pages: [RecognizedPage]) -> [DocumentSplitter.Part] {
            let started = Date()
            defer {
                splitSeconds += Date().timeIntervalSince(started)
                splitPages += pages.count
            }
            return DocumentSplitter().split(pages)
        }

        var generatedScore = Score()
        for (source, starts) in truth.sorted(by: { $0.key < $1.key }) {
            guard let pages = pagesBySource[source] else { continue }
            let parts = split(pages)
            generatedScore.add(found: parts, truth: starts, pages: pages.count)
            if verbose { explain(source, parts: parts, truth: starts, pages: pages) }
        }
        print(Score.header)
        if generated > 0 { print(generatedScore.row("generated hồ sơ (\(set)), \(truth.count) scans")) }

        let real = pagesBySource.keys.filter { $0.hasPrefix("real/") }.sorted()
        if !real.isEmpty {
            var alone = Score()
            for source in real {
                let parts = split(pagesBySource[source]!)
                alone.add(found: parts, truth: [1], pages: pagesBySource[source]!.count)
                if verbose { explain(source, parts: parts, truth: [1], pages: pagesBySource[source]!) }
            }
            print(alone.row("corpus-real, each alone (\(real.count))"))
            var bound = Score()
            var missed: [String: Int] = [:]
            var random = SplitMix64(seed: seed)
            for _ in 0..<orders {
                var order = real
                for index in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(index, Int(random.next() % UInt64(index + 1)))
                }
                for start in stride(from: 0, to: order.count, by: group) {
                    var pages: [RecognizedPage] = []
                    var starts: [Int] = []
                    for source in order[start..<min(start + group, order.count)] {
                        starts.append(pages.count + 1)
                        for var page in pagesBySource[source]! {
                            page.number = pages.count + 1
                            pages.append(page)
                        }
                    }
                    let parts = split(pages)
                    bound.add(found: parts, truth: starts, pages: pages.count)
                    if verbose {
                        let found = Set(parts.map(\.pages.lowerBound))
                        for (start, source) in zip(starts, order[start..<min(start + group, order.count)]) where !found.contains(start) {
                            missed[source, default: 0] += 1
                        }
                    }
                }
            }
            print(bound.row("corpus-real bound, \(orders) orders × \(group)"))
            print(String(format: "splitter: %.2f s for %d pages, %.2f ms a page", splitSeconds, splitPages,
                         splitSeconds * 1_000 / Double(max(1, splitPages))))
            for (source, count) in missed.sorted(by: { $0.key < $1.key }) {
                let lines = pagesBySource[source]![0].text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                print("FN \(source) missed \(count)×: " + lines.prefix(10).joined(separator: " | "))
            }
        }
    }

    private func explain(_ source: String, parts: [DocumentSplitter.Part], truth: [Int], pages: [RecognizedPage]) {
        let found = Set(parts.dropFirst().map(\.pages.lowerBound)), expected = Set(truth.filter { $0 > 1 })
        for page in found.union(expected).sorted() where found.contains(page) != expected.contains(page) {
            let lines = pages[page - 1].text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            print("\(found.contains(page) ? "FP" : "FN") \(source) page \(page): " + lines.prefix(8).joined(separator: " | "))
            if page > 1 {
                let before = pages[page - 2].text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                print("   previous page ends: " + before.suffix(4).joined(separator: " | "))
            }
        }
    }

    /// Each corpus-real document as an image-only PDF of its pages rendered in grey at
    /// `dpi`, named after it.
    private func scanCorpus(_ corpus: URL, into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = try String(contentsOf: corpus.appendingPathComponent("truth.jsonl"), encoding: .utf8).split(separator: "\n")
        let font = try GlyphlessFont(tessdata: TesseractEngine(language: "vie").dataPath)
        for line in lines {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let file = record["file"] as? String else { continue }
            let url = corpus.appendingPathComponent(file)
            let images: [PageImage]
            if url.pathExtension.lowercased() == "pdf" {
                let pdf = try PDFFile(path: url.path, password: nil)
                images = try (0..<pdf.pageCount).map { try pdf.page($0).render(dpi: dpi, maxPixels: 100_000_000) }
            } else {
                images = [try PageImage.read(path: url.path)]
            }
            let name = url.deletingPathExtension().lastPathComponent + ".pdf"
            let writer = try SearchablePDFWriter(path: folder.appendingPathComponent(name).path, font: font)
            for image in images { try writer.append(try SearchablePDFPage(image: image, words: [], dpi: image.resolution > 0 ? image.resolution : dpi)) }
            try writer.finish()
        }
    }
}

/// Boundary counts: a boundary is a page, after the first, at which a document starts.
struct Score {
    var scans = 0, pages = 0
    var truePositive = 0, falsePositive = 0, falseNegative = 0
    /// Found boundaries sent to review (below the sure confidence), right and wrong.
    var flaggedRight = 0, flaggedWrong = 0
    /// Parts whose pages are exactly a true document's.
    var partsExact = 0, partsTrue = 0

    mutating func add(found parts: [DocumentSplitter.Part], truth starts: [Int], pages count: Int) {
        scans += 1
        pages += count
        let expected = Set(starts.filter { $0 > 1 })
        let foundStarts = parts.dropFirst()
        let found = Set(foundStarts.map(\.pages.lowerBound))
        truePositive += expected.intersection(found).count
        falsePositive += found.subtracting(expected).count
        falseNegative += expected.subtracting(found).count
        for part in foundStarts where part.confidence < DocumentSplitter.sureConfidence {
            if expected.contains(part.pages.lowerBound) { flaggedRight += 1 } else { flaggedWrong += 1 }
        }
        let trueRanges = Set(zip(starts, starts.dropFirst().map { $0 - 1 } + [count]).map { "\($0)-\($1)" })
        partsTrue += trueRanges.count
        partsExact += parts.filter { trueRanges.contains("\($0.pages.lowerBound)-\($0.pages.upperBound)") }.count
    }

    static let header = "set                                   scans  pages  bounds  found  TP  FP  FN  precision  recall    F1   flagged (right/wrong)"

    func row(_ name: String) -> String {
        let precision = truePositive + falsePositive == 0 ? 1 : Double(truePositive) / Double(truePositive + falsePositive)
        let recall = truePositive + falseNegative == 0 ? 1 : Double(truePositive) / Double(truePositive + falseNegative)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return name.padding(toLength: 37, withPad: " ", startingAt: 0)
            + String(format: " %5d  %5d  %6d  %5d %3d %3d %3d   %6.3f   %6.3f  %6.3f   %d/%d", scans, pages,
                     truePositive + falseNegative, truePositive + falsePositive, truePositive, falsePositive, falseNegative,
                     precision, recall, f1, flaggedRight, flaggedWrong)
    }
}

SplitBenchmark.main()
