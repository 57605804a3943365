import ArgumentParser
import DocumentSynth
import Foundation
import OCRStage
import VietnameseText

/// Reads the same generated pages with plain `tesseract IMAGE - -l <model>` and with
/// sohoa's OCR stage (clean-up, then the same model), and reports character and word
/// error rates against the text drawn on them.
struct OCRBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sohoa-bench-ocr",
        abstract: "OCR accuracy benchmark: CER and WER of plain tesseract and of sohoa's OCR stage, per scan condition.")

    @Option(help: "Pages per condition.")
    var pages = 8

    @Option(help: ArgumentHelp("Folder for the page images (emptied first).", valueName: "dir"))
    var output = "bench-out/ocr"

    @Option(help: "Tesseract model, for both readers.")
    var language = "vie"

    @Option(help: "Seed; the same seed draws the same pages and degradations.")
    var seed: UInt64 = 7

    @Option(help: ArgumentHelp("Conditions to run, comma-separated (\(BenchRow.names.joined(separator: ", "))); default: all generated ones, and the realtext ones with --corpus.",
                               valueName: "list"))
    var conditions: String?

    @Option(help: ArgumentHelp("corpus-real folder (docs/, truth.jsonl): its born-digital PDFs for the realtext conditions (--pages caps their pages).",
                               valueName: "dir"))
    var corpus: String?

    @Option(help: ArgumentHelp("Instead of the conditions: report confidence and syllable validity on the scanned documents of this corpus-real folder, syllable repair off and on.",
                               valueName: "dir"))
    var corpusScans: String?

    @Option(help: ArgumentHelp("Clean-up steps to switch off in sohoa's reader, comma-separated (\(CleanupStep.names)).",
                               valueName: "list"))
    var without = ""

    @Option(help: ArgumentHelp("Clean-up steps to switch on in sohoa's reader, comma-separated (\(CleanupStep.names)).",
                               valueName: "list"))
    var with = ""

    @Flag(help: "Time each image clean-up step (ms per page) on the conditions' pages instead of reading them.")
    var stepTimes = false

    @Option(help: ArgumentHelp("Which documents the generated conditions draw: 'plain' (the fixed documents the tables were first measured on), 'archive', 'tuning' or 'held-back' (the evaluation's wide variety, in the tuning fonts or the held-back font).",
                               valueName: "documents"))
    var documents: DocumentSet = .plain

    func validate() throws {
        let missing = documents.missingFonts
        if !missing.isEmpty {
            throw ValidationError("font not installed: \(missing.joined(separator: ", ")) (scripts/setup-native installs it)")
        }
    }

    func run() throws {
        let chosen = try (conditions ?? BenchRow.defaultNames(withCorpus: corpus != nil)).split(separator: ",").map { name in
            guard let row = BenchRow(name: String(name)) else { throw ValidationError("unknown condition '\(name)'") }
            return row
        }
        var cleanup = PageCleanup()
        for (list, on) in [(with, true), (without, false)] {
            for name in list.split(separator: ",") {
                guard let step = CleanupStep(rawValue: String(name)) else { throw ValidationError("unknown clean-up step '\(name)'") }
                step.set(on, in: &cleanup)
            }
        }
        if let corpusScans {
            return try ScanReport(corpus: URL(fileURLWithPath: corpusScans), language: language, cleanup: cleanup).run()
        }
        if stepTimes {
            let generated = chosen.compactMap { row -> Condition? in
                if case .generated(let condition) = row { return condition }
                return nil
            }
            return try StepTimes.print(conditions: generated, pages: pages, seed: seed)
        }
        let reader = try PageReader(language: language, cleanup: cleanup)
        let folder = URL(fileURLWithPath: output)
        try? FileManager.default.removeItem(at: folder)
        print(ReaderComparison.header)
        var random = SplitMix64(seed: seed)
        for row in chosen {
            let conditionFolder = folder.appendingPathComponent(row.name)
            try FileManager.default.createDirectory(at: conditionFolder, withIntermediateDirectories: true)
            func path(_ index: Int) -> String {
                conditionFolder.appendingPathComponent(String(format: "page_%03d.png", index + 1)).path
            }
            var comparison = ReaderComparison(reader: reader, language: language)
            switch row {
            case .generated(let condition):
                var factory = DocumentFactory(seed: seed &+ UInt64(Condition.allCases.firstIndex(of: condition)!),
                                              variety: documents.variety)
                for index in 0..<pages {
                    let document = factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count])
                    try comparison.add(try condition.scan(document, random: &random),
                                       truth: DocumentRenderer.readingText(document, page: 0), path: path(index))
                }
            case .realText(let scan):
                guard let corpus else { throw ValidationError("\(row.name) needs --corpus") }
                for (index, page) in try RealTextPage.pages(in: URL(fileURLWithPath: corpus), limit: pages).enumerated() {
                    try comparison.add(try scan.scan(page, random: &random), truth: page.truth, path: path(index))
                }
            }
            print(comparison.row(row.name))
        }
    }
}

extension DocumentSet: ExpressibleByArgument {}

/// How a page reaches the OCR: the scan conditions of the benchmark.
enum Condition: String, CaseIterable {
    /// 300 dpi grey, straight from the drawing.
    case clean
    /// 200 dpi, skewed up to 3°, blurred, noisy, JPEG at quality 40.
    case degraded
    /// 300 dpi colour with a red seal over the signature and a red receipt stamp over the text.
    case stamped
    case rotated90
    case rotated180
    /// 150 dpi declared, JPEG at quality 75: an office scanner's "text" setting. For
    /// upscaling, which did not pay here (BENCHMARKS.md) and is not a clean-up step.
    case lowdpi
    /// 300 dpi grey, the paper darkening from 240 to 130 across the page, and the mirrored
    /// text of another document bleeding through at a third of its contrast.
    case shaded
    /// 300 dpi grey with 4,000 dark and 4,000 white specks of 1–3 px.
    case speckled

    func scan(_ document: SyntheticDocument, random: inout SplitMix64) throws -> PageImage {
        switch self {
        case .clean:
            return try DocumentRenderer.pageImages(document, dpi: 300)[0]
        case .degraded:
            return Degradation.scanned(try DocumentRenderer.pageImages(document, dpi: 200)[0], random: &random)
        case .stamped:
            return try DocumentRenderer.stampedPageImages(document, dpi: 300)[0]
        case .rotated90:
            return try DocumentRenderer.pageImages(document, dpi: 300)[0].rotated(quarterTurns: 1)
        case .rotated180:
            return try DocumentRenderer.pageImages(document, dpi: 300)[0].rotated(quarterTurns: 2)
        case .lowdpi:
            return try DocumentRenderer.pageImages(document, dpi: 150)[0].jpegRoundTrip(quality: 75)
        case .shaded:
            var random = Condition.random(for: document)
            var other = DocumentFactory(seed: random.next())
            let back = try DocumentRenderer.pageImages(other.make(.baoCao), dpi: 300)[0]
            return try DocumentRenderer.pageImages(document, dpi: 300)[0]
                .withBleedThrough(of: back, strength: 0.33).shaded(lightest: 240, darkest: 130)
        case .speckled:
            var random = Condition.random(for: document)
            return try DocumentRenderer.pageImages(document, dpi: 300)[0].addingSpecks(count: 4000, using: &random)
        }
    }

    /// Draws seeded by the page's text, so that a condition's pages are the same whichever
    /// other conditions run before it.
    private static func random(for document: SyntheticDocument) -> SplitMix64 {
        SplitMix64(seed: DocumentRenderer.readingText(document, page: 0).unicodeScalars.reduce(0) { $0 &* 31 &+ UInt64($1.value) })
    }
}

/// `tesseract IMAGE - -l <model>` running in the background, OMP_THREAD_LIMIT=1.
struct PlainTesseract {
    private let process = Process()
    private let pipe = Pipe()

    init(path: String, language: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tesseract")
        process.arguments = [path, "-", "-l", language]
        process.environment = ProcessInfo.processInfo.environment.merging(["OMP_THREAD_LIMIT": "1"]) { $1 }
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func text() throws -> String {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Edits against the truth, summed over pages: CER is character edits over truth
/// characters, WER word edits over truth words, both after NFC and with every run of
/// white space as one space (line breaks are layout, not text).
struct ErrorCount {
    private var characterEdits = 0, characters = 0, wordEdits = 0, words = 0

    var cer: Double { characters > 0 ? Double(characterEdits) / Double(characters) : 0 }
    var wer: Double { words > 0 ? Double(wordEdits) / Double(words) : 0 }

    mutating func add(truth: String, read: String) {
        let truthWords = ErrorCount.words(truth), readWords = ErrorCount.words(read)
        let truthScalars = Array(truthWords.joined(separator: " ").unicodeScalars)
        let readScalars = Array(readWords.joined(separator: " ").unicodeScalars)
        characterEdits += ErrorCount.distance(truthScalars, readScalars)
        characters += truthScalars.count
        wordEdits += ErrorCount.distance(truthWords, readWords)
        words += truthWords.count
    }

    static func words(_ text: String) -> [String] {
        VietnameseText.normalize(text).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Levenshtein distance, two rows at a time.
    static func distance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

OCRBenchmark.main()
