import CLeptonica
import CTesseract
import DocumentModel
import Foundation
import VietnameseText

/// One Tesseract engine, initialised once and reused for every page a worker recognises.
///
/// A `TessBaseAPI` must never be used from two threads, so this type is not `Sendable`:
/// each OCR worker creates its own on its own thread. Init costs ~40 ms, recognition
/// ~1 s per page, so reuse matters less for speed than for memory (one model per worker).
public final class TesseractEngine {
    private let api: OpaquePointer
    public let language: String

    /// - Parameters:
    ///   - language: Tesseract model names joined by `+` (`vie`, `Vietnamese`, `vie+eng`).
    ///   - dataPath: folder holding `*.traineddata`; nil uses the system's.
    public init(language: String, dataPath: String? = nil) throws {
        self.language = language
        api = TessBaseAPICreate()
        // On failure, deinit frees the handle; freeing here too would double-free.
        guard TessBaseAPIInit3(api, dataPath, language) == 0 else {
            throw OCRError.modelNotInstalled(language)
        }
        // The C API defaults to a single text block; archive pages need the CLI's layout analysis.
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        // Administrative documents are set in proportional type: Tesseract's search for
        // fixed-pitch rows (typewriter pages) costs ~5% of a page, and on the benchmark's 16
        // pages skipping it changed no character (BENCHMARKS.md, "Fewer CPU-seconds per page").
        _ = TessBaseAPISetVariable(api, "textord_all_prop", "1")
    }

    /// Tesseract's confidence (0–100) in another choice for a letter at and above which
    /// the choice counts as weighed: most letters' other choices stand at 0.
    static let weighedChoice: Float = 10

    /// At most this many other spellings are kept for a word.
    static let alternativesKept = 4

    /// The library's own version ("5.3.0"), as the event log of a handover package names it.
    public static var version: String {
        TessVersion().map { String(cString: $0) } ?? "unknown"
    }

    /// The tessdata folder the engine loaded its model from (also home of `pdf.ttf`).
    public var dataPath: String {
        TessBaseAPIGetDatapath(api).map { String(cString: $0) } ?? ""
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Recognises one page: its text (NFC), mean confidence and word boxes.
    ///
    /// - Parameter deadline: seconds after which Tesseract's monitor cancels recognition
    ///   and ``OCRError/deadlineExceeded(page:seconds:)`` is thrown; nil waits as long as it takes.
    ///   Layout analysis, which comes first, is not cancellable by Tesseract's API.
    ///   - markChoices: whether to keep the recogniser's other choices for letters' marks,
    ///     from which each word's ``RecognizedWord/alternatives`` are spelt. They cost 12%
    ///     more CPU time (BENCHMARKS.md, "What the recogniser weighed").
    public func recognize(_ image: PageImage, pageNumber: Int, deadline: Double? = nil, markChoices: Bool = false) throws -> RecognizedPage {
        let (layout, confidence) = try read(image, pageNumber: pageNumber, deadline: deadline, markChoices: markChoices)
        return RecognizedPage(
            number: pageNumber, text: layout.text, source: .ocr,
            confidence: confidence, words: layout.words, width: image.width, height: image.height)
    }

    /// How Tesseract finds the text on an image.
    enum Segmentation {
        /// Layout analysis finds the page's columns, blocks and paragraphs.
        case page
        /// The image is one block of lines, as a zone cut out of a page is: a zone the
        /// page's layout analysis split wrongly reads whole this way.
        case block
    }

    /// Recognises an image into its words as Tesseract laid them out, and their mean
    /// confidence (0–100).
    func read(
        _ image: PageImage, pageNumber: Int, deadline: Double?, segmentation: Segmentation = .page, markChoices: Bool = false
    ) throws -> (layout: WordLayout, confidence: Double) {
        TessBaseAPISetPageSegMode(api, segmentation == .page ? PSM_AUTO : PSM_SINGLE_BLOCK)
        _ = TessBaseAPISetVariable(api, "lstm_choice_mode", markChoices ? "2" : "0")
        defer { TessBaseAPISetPageSegMode(api, PSM_AUTO) }
        let grey = image.greyscale()
        // Tesseract reads these pixels until the page is done.
        defer { withExtendedLifetime(grey) {} }
        TessBaseAPISetImage2(api, grey.pix)
        TessBaseAPISetSourceResolution(api, Int32(image.resolution > 0 ? image.resolution : 300))
        defer { TessBaseAPIClear(api) }
        let monitor = TessMonitorCreate()
        defer { TessMonitorDelete(monitor) }
        if let deadline {
            TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: max(1, Int((deadline * 1000).rounded(.up)))))
        }
        let started = DispatchTime.now().uptimeNanoseconds
        guard TessBaseAPIRecognize(api, monitor) == 0 else {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            if let deadline, elapsed >= deadline {
                throw OCRError.deadlineExceeded(page: pageNumber, seconds: deadline)
            }
            throw OCRError.recognitionFailed(page: pageNumber)
        }
        let layout = recognizedLayout(markChoices: markChoices)
        let confidence = layout.paragraphs.isEmpty ? 0 : Double(TessBaseAPIMeanTextConf(api))
        return (layout, confidence)
    }

    /// The words of the last recognition, in the paragraphs and lines Tesseract's page
    /// text has them, each with the other spellings the recogniser weighed when
    /// `markChoices` asked it to. Words of nothing but white space, which that text leaves
    /// out, are left out.
    ///
    /// Walked letter by letter when choices are asked for, since a letter's other choices
    /// are only to be had there; word by word otherwise.
    private func recognizedLayout(markChoices: Bool) -> WordLayout {
        guard let iterator = TessBaseAPIGetIterator(api) else { return WordLayout(paragraphs: []) }
        defer { TessResultIteratorDelete(iterator) }
        let pageIterator = TessResultIteratorGetPageIteratorConst(iterator)
        var paragraphs: [[[RecognizedWord]]] = []
        // A paragraph or line that opens with a word left out opens with the next one.
        var opensParagraph = false, opensLine = false
        var word: RecognizedWord?
        var letters: [(letter: String, others: [String])] = []
        func finish() {
            guard var finished = word else { return }
            word = nil
            let spellings = Self.otherSpellings(letters)
            letters = []
            finished.alternatives = spellings.isEmpty ? nil : spellings
            if paragraphs.isEmpty || opensParagraph {
                paragraphs.append([[finished]])
            } else if opensLine {
                paragraphs[paragraphs.count - 1].append([finished])
            } else {
                paragraphs[paragraphs.count - 1][paragraphs[paragraphs.count - 1].count - 1].append(finished)
            }
            opensParagraph = false
            opensLine = false
        }
        repeat {
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_WORD) != 0 {
                finish()
                opensParagraph = opensParagraph || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_PARA) != 0
                opensLine = opensLine || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0
                guard let utf8 = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
                let text = String(cString: utf8)
                TessDeleteText(utf8)
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
                _ = TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &l, &t, &r, &b)
                word = RecognizedWord(
                    text: VietnameseText.normalize(text),
                    confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)),
                    left: Int(l), top: Int(t), right: Int(r), bottom: Int(b))
            }
            guard markChoices, word != nil, let utf8 = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let letter = VietnameseText.normalize(String(cString: utf8))
            TessDeleteText(utf8)
            letters.append((letter, otherChoices(of: letter, at: iterator)))
        } while TessResultIteratorNext(iterator, markChoices ? RIL_SYMBOL : RIL_WORD) != 0
        finish()
        return WordLayout(paragraphs: paragraphs)
    }

    /// The recogniser's other choices for the letter the iterator stands on that are the
    /// same letter with other marks, weighed at ``weighedChoice`` or more.
    private func otherChoices(of letter: String, at iterator: OpaquePointer) -> [String] {
        guard let choices = TessResultIteratorGetChoiceIterator(iterator) else { return [] }
        defer { TessChoiceIteratorDelete(choices) }
        let bare = VietnameseText.fold(letter)
        var others: [String] = []
        repeat {
            guard TessChoiceIteratorConfidence(choices) >= Self.weighedChoice,
                  let utf8 = TessChoiceIteratorGetUTF8Text(choices) else { continue }
            let choice = VietnameseText.normalize(String(cString: utf8))
            if choice != letter, VietnameseText.fold(choice) == bare, !others.contains(choice) { others.append(choice) }
        } while TessChoiceIteratorNext(choices) != 0
        return others
    }

    /// The word spelt with one letter changed to one of its other choices, each such
    /// spelling once, at most ``alternativesKept``.
    static func otherSpellings(_ letters: [(letter: String, others: [String])]) -> [String] {
        var spellings: [String] = []
        for (index, letter) in letters.enumerated() {
            for other in letter.others where spellings.count < alternativesKept {
                var spelt = letters.map(\.letter)
                spelt[index] = other
                spellings.append(spelt.joined())
            }
        }
        return spellings
    }
}

/// Tesseract's orientation detection (`osd.traineddata`), for pages scanned on their side
/// or upside down. Like ``TesseractEngine``, one per thread.
public final class OrientationDetector {
    private let api: OpaquePointer

    public init(dataPath: String? = nil) throws {
        api = TessBaseAPICreate()
        // The orientation model is a legacy (non-LSTM) one.
        guard TessBaseAPIInit2(api, dataPath, "osd", OEM_TESSERACT_ONLY) == 0 else {
            throw OCRError.modelNotInstalled("osd")
        }
        TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY)
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Whether `osd.traineddata` is in the tessdata folder `dataPath`, checked without
    /// loading it.
    public static func isInstalled(dataPath: String) -> Bool {
        FileManager.default.isReadableFile(atPath: URL(fileURLWithPath: dataPath).appendingPathComponent("osd.traineddata").path)
    }

    /// How the text on the page is turned, in clockwise quarter turns from upright, and
    /// Tesseract's confidence in it; nil when it cannot tell (too little text).
    public func textTurns(of image: PageImage) -> (quarterTurns: Int, confidence: Double)? {
        let grey = image.greyscale()
        // Tesseract reads these pixels until the page is done.
        defer { withExtendedLifetime(grey) {} }
        TessBaseAPISetImage2(api, grey.pix)
        TessBaseAPISetSourceResolution(api, Int32(image.resolution > 0 ? image.resolution : 300))
        defer { TessBaseAPIClear(api) }
        var degrees: Int32 = 0, confidence: Float = 0, scriptConfidence: Float = 0
        var script: UnsafePointer<CChar>?
        guard TessBaseAPIDetectOrientationScript(api, &degrees, &confidence, &script, &scriptConfidence) != 0 else { return nil }
        return (Int(degrees) / 90 % 4, Double(confidence))
    }
}

public enum OCRError: Error, Equatable, CustomStringConvertible {
    case modelNotInstalled(String)
    case recognitionFailed(page: Int)
    case deadlineExceeded(page: Int, seconds: Double)

    public var description: String {
        switch self {
        case .modelNotInstalled(let language):
            return "Tesseract model '\(language)' is not installed (apt-get install tesseract-ocr-vie, or see pipeline.yaml ocr.language)"
        case .recognitionFailed(let page):
            return "Tesseract could not recognise page \(page)"
        case let .deadlineExceeded(_, seconds):
            let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "recognition abandoned after the \(shown) s deadline (ocr.page_timeout_seconds)"
        }
    }
}
