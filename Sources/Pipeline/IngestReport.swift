import DocumentModel

/// What became of one input; every input ends as exactly one of these.
public enum InputOutcome: Sendable, Equatable {
    /// Stored as a new document with this id.
    case stored(documentID: DocumentID, pages: Int)
    /// Same bytes as an already stored document.
    case duplicate(of: DocumentID)
    /// Already ingested by an earlier run of this batch; nothing was done.
    case alreadyIngested
    case failed(reason: String)
}

/// A progress event, reported as each input is finished.
public struct IngestProgress: Sendable {
    public var source: String
    public var outcome: InputOutcome
    /// Inputs finished so far, and found in all.
    public var finished: Int
    public var total: Int
    /// Pages stored so far in this run, and the seconds since it started.
    public var pages: Int
    public var elapsed: Double
}

/// The end-of-batch summary `sohoa ingest` prints.
public struct IngestReport: Sendable {
    public var stored = 0
    public var duplicates = 0
    public var alreadyIngested = 0
    public var failures: [(source: String, reason: String)] = []
    /// Pages of newly stored documents, by where their text came from.
    public var ocrPages = 0
    public var textLayerPages = 0
    /// OCR'd pages found blank (back sides), recorded without text.
    public var blankPages = 0
    /// Words of OCR'd pages that were not Vietnamese syllables as recognised, and how many
    /// of them syllable repair corrected (`ocr.cleanup.repair_syllables`).
    public var invalidSyllables = 0
    public var syllablesRepaired = 0
    public var elapsed = 0.0
    /// Why the batch stopped before the end (disk full, interrupted); nil when it ran through.
    public var stopReason: String?
    /// Inputs begun but not finished when the batch stopped; the next run resumes them.
    public var unfinished = 0

    public var pagesPerMinute: Double {
        elapsed > 0 ? Double(ocrPages + textLayerPages) / elapsed * 60 : 0
    }
}
