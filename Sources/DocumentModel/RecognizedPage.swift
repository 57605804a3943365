/// Where a page's text came from.
public enum TextSource: String, Sendable, Codable, Equatable {
    /// Tesseract read the page image.
    case ocr
    /// The PDF carried real text; no OCR was needed.
    case textLayer = "text_layer"
}

/// One recognised word with its box in page pixels (origin top-left).
///
/// Kept so that later stages can reason about layout (which block a line sits in) and
/// highlight hits on the page image.
public struct RecognizedWord: Sendable, Codable, Equatable {
    public var text: String
    public var confidence: Double
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int
    /// Other spellings of the word that the recogniser weighed: one letter with other marks
    /// ("buổi" for "buỗi"), where its second choice for that letter kept a real share of
    /// its confidence. OCR slips a tone into another valid syllable, and this is how it
    /// says it was unsure; nil when it was sure of every mark.
    public var alternatives: [String]?

    public init(text: String, confidence: Double, left: Int, top: Int, right: Int, bottom: Int,
                alternatives: [String]? = nil) {
        self.text = text
        self.confidence = confidence
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.alternatives = alternatives
    }
}

/// The text of one page, NFC, as the OCR stage hands it on.
public struct RecognizedPage: Sendable, Codable, Equatable {
    /// 1-based page number within its document.
    public var number: Int
    public var text: String
    public var source: TextSource
    /// Tesseract's mean word confidence (0–100). Nil for a text-layer page, unless OCR read
    /// stamped fields into it (the number and the day a signing system drew into a widget):
    /// then the mean confidence of the words that added to its text.
    public var confidence: Double?
    /// Word boxes when OCR produced them; empty for text-layer pages.
    public var words: [RecognizedWord]
    /// Page size in pixels (OCR) or points (text layer); zero when unknown.
    public var width: Int
    public var height: Int
    /// What clean-up did before OCR; nil for text-layer pages.
    public var cleanup: PageCleanupReport?

    public init(
        number: Int, text: String, source: TextSource, confidence: Double? = nil,
        words: [RecognizedWord] = [], width: Int = 0, height: Int = 0, cleanup: PageCleanupReport? = nil
    ) {
        self.cleanup = cleanup
        self.number = number
        self.text = text
        self.source = source
        self.confidence = confidence
        self.words = words
        self.width = width
        self.height = height
    }
}

/// What clean-up did to a page, kept with it.
public struct PageCleanupReport: Sendable, Codable, Equatable {
    /// Clockwise quarter turns applied to make the page upright.
    public var quarterTurns = 0
    /// Degrees the page was turned to level its lines.
    public var deskewDegrees = 0.0
    public var blank = false
    /// Words that are not Vietnamese syllables as recognised, and how many were corrected.
    public var invalidSyllables = 0
    public var syllablesRepaired = 0
    /// Round seals whose ink was lifted off a grey page; nil on pages read before sohoa
    /// looked for them.
    public var sealsLifted: Int?
    /// Boxed stamps read a second time on their own, frames lifted; nil on pages read
    /// before sohoa did.
    public var stampFramesReread: Int?
    /// Signers' names under a seal taken from another reading of the seal's foot, because
    /// the page's own reading of it held no name the name lists place. Such a name was
    /// chosen among readings, so it is named for review; nil on pages read before.
    public var sealNamesReread: Int?

    public init(quarterTurns: Int = 0, deskewDegrees: Double = 0, blank: Bool = false) {
        self.quarterTurns = quarterTurns
        self.deskewDegrees = deskewDegrees
        self.blank = blank
    }
}
