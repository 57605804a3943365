import DocumentModel
import Foundation
import Pipeline
import OCRStage
import PDFRendering
import VietnameseText

/// sohoa's reader on the scanned documents of `corpus-real`, which have no text truth:
/// what Tesseract's confidence and the syllable grammar say about the reading, with
/// syllable repair off and on. Two readers, one per core, each on its own thread with
/// its own renders (Tesseract engines, poppler documents and Leptonica images are not
/// shared between threads).
struct ScanReport {
    var corpus: URL
    var language: String
    var cleanup: PageCleanup

    func run() throws {
        let documents = try CorpusDocument.all(in: corpus).filter(\.scanned)
        let paths = documents.map { (corpus.appendingPathComponent($0.file).path, $0.isPDF) }
        let runs = ReadRuns()
        DispatchQueue.concurrentPerform(iterations: 2) { run in
            var steps = cleanup
            steps.repairSyllables = run == 1
            runs.set(run, Result { try ScanReport.read(paths, language: language, cleanup: steps) })
        }
        let (raw, repaired) = (try runs.result(0), try runs.result(1))
        print("document          pages   words   mean conf   counted   not syllable off → on   invalid off → on   changed   repaired")
        var total = SyllableTally()
        for (document, (off, on)) in zip(documents, zip(raw, repaired)) {
            var tally = SyllableTally()
            for (pageOff, pageOn) in zip(off, on) { tally.add(off: pageOff, on: pageOn) }
            print(tally.row(URL(fileURLWithPath: document.file).lastPathComponent))
            total.merge(tally)
        }
        print(total.row("all"))
    }

    /// Every page of `documents` read with one reader: PDFs rendered at 300 dpi grey as
    /// the ingest renders them for OCR, image files decoded.
    private static func read(_ documents: [(path: String, isPDF: Bool)], language: String, cleanup: PageCleanup) throws
        -> [[RecognizedPage]] {
        let reader = try PageReader(language: language, cleanup: cleanup)
        return try documents.map { document in
            guard document.isPDF else { return [try reader.read(try PageImage.read(path: document.path), pageNumber: 1)] }
            let pdf = try PDFFile(path: document.path, password: nil)
            return try (0..<pdf.pageCount).map { index in
                try reader.read(try pdf.page(index).render(dpi: 300, maxPixels: PipelineConfiguration().input.maxImagePixels, dropRed: cleanup.dropRed), pageNumber: index + 1)
            }
        }
    }
}

/// The two readers' results, each set once from its own thread.
private final class ReadRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<[[RecognizedPage]], Error>] = [:]

    func set(_ run: Int, _ result: Result<[[RecognizedPage]], Error>) {
        lock.withLock { results[run] = result }
    }

    func result(_ run: Int) throws -> [[RecognizedPage]] {
        try lock.withLock { results[run]! }.get()
    }
}

/// Word counts of the scan report, for one document or all.
///
/// Counted words, for the syllable shares, are Tesseract's words with surrounding
/// punctuation stripped, leaving out: anything with a digit or "/" (numbers, dates,
/// document numbers), tokens joined inside by "-" or "." (codes, e-mail addresses), single
/// letters (list markers "a)", "đ)"), and abbreviations — two or more capitals and no tone
/// or vowel mark (UBND, HĐND, TTg; "ĐỊNH" is counted). "Not syllable" is any counted word
/// the grammar rejects (English words included); "invalid" is the narrower class repair
/// works on, words with Vietnamese marks that break the grammar.
struct SyllableTally {
    private var pages = 0, words = 0, confidence = 0.0, counted = 0
    private var notSyllable = (off: 0, on: 0), invalid = (off: 0, on: 0)
    private var changed = 0, repaired = 0

    /// The same page read with repair off and on; the words are the same words, in order.
    mutating func add(off: RecognizedPage, on: RecognizedPage) {
        pages += 1
        words += off.words.count
        confidence += off.words.reduce(0) { $0 + $1.confidence }
        for (before, after) in zip(off.words, on.words) {
            if before.text != after.text { changed += 1 }
            guard let coreBefore = SyllableTally.countedCore(before.text) else { continue }
            counted += 1
            if !VietnameseSyllable.isValid(String(coreBefore)) { notSyllable.off += 1 }
            if VietnameseSyllable.kind(of: String(coreBefore)) == .invalid { invalid.off += 1 }
            let coreAfter = String(SyllableTally.countedCore(after.text) ?? coreBefore)
            if !VietnameseSyllable.isValid(coreAfter) { notSyllable.on += 1 }
            if VietnameseSyllable.kind(of: coreAfter) == .invalid { invalid.on += 1 }
        }
        repaired += on.cleanup?.syllablesRepaired ?? 0
    }

    mutating func merge(_ other: SyllableTally) {
        pages += other.pages
        words += other.words
        confidence += other.confidence
        counted += other.counted
        notSyllable = (notSyllable.off + other.notSyllable.off, notSyllable.on + other.notSyllable.on)
        invalid = (invalid.off + other.invalid.off, invalid.on + other.invalid.on)
        changed += other.changed
        repaired += other.repaired
    }

    func row(_ name: String) -> String {
        func share(_ n: Int) -> Double { counted > 0 ? Double(n) / Double(counted) * 100 : 0 }
        return name.padding(toLength: 16, withPad: " ", startingAt: 0)
            + String(format: "%7d %7d   %9.1f   %7d   %8.2f%% → %6.2f%%   %6.2f%% → %5.2f%%   %7d   %8d",
                     pages, words, words > 0 ? confidence / Double(words) : 0, counted,
                     share(notSyllable.off), share(notSyllable.on), share(invalid.off), share(invalid.on), changed, repaired)
    }

    /// The letters of `token` when it is a counted word (see the type's note), else nil.
    static func countedCore(_ token: String) -> Substring? {
        guard let first = token.firstIndex(where: \.isLetter), let last = token.lastIndex(where: \.isLetter),
              !token.contains(where: { $0.isNumber || $0 == "/" }) else { return nil }
        let core = token[first...last]
        guard core.count > 1, core.allSatisfy(\.isLetter) else { return nil }
        let marked = core.decomposedStringWithCanonicalMapping.unicodeScalars.contains { marks.contains($0) }
        return !marked && core.filter(\.isUppercase).count >= 2 ? nil : core
    }

    /// Tone marks and the vowel hats (â ê ô, ă, ơ ư); đ's stroke is not a combining mark.
    private static let marks: Set<Unicode.Scalar> = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}",
                                                     "\u{0302}", "\u{0306}", "\u{031B}"]
}
