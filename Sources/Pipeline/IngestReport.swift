import ArchiveStore
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
    /// What became of the inputs and the pages of newly stored documents: the counts the
    /// run's ledger row keeps, so the report and `sohoa status` cannot disagree.
    public internal(set) var counts = RunCounts()
    /// The failed inputs and why, one per ``RunCounts/failed``.
    public private(set) var failures: [(source: String, reason: String)] = []
    /// OCR'd pages found blank (back sides), recorded without text.
    public var blankPages = 0
    /// Bound scans stored as several documents, and how many documents they made.
    public var splitInputs = 0
    public var splitDocuments = 0
    /// Words of OCR'd pages that were not Vietnamese syllables as recognised, and how many
    /// of them syllable repair corrected (`ocr.cleanup.repair_syllables`).
    public var invalidSyllables = 0
    public var syllablesRepaired = 0
    public var elapsed = 0.0
    /// Why the batch stopped before the end (disk full, interrupted); nil when it ran through.
    public var stopReason: String?
    /// Inputs begun but not finished when the batch stopped; the next run resumes them.
    public var unfinished = 0

    public var stored: Int { counts.stored }
    public var duplicates: Int { counts.duplicates }
    public var alreadyIngested: Int { counts.unchanged }
    public var ocrPages: Int { counts.ocrPages }
    public var textLayerPages: Int { counts.textLayerPages }

    public var pagesPerMinute: Double {
        elapsed > 0 ? Double(ocrPages + textLayerPages) / elapsed * 60 : 0
    }

    mutating func recordFailure(source: String, reason: String) {
        failures.append((source, reason))
        counts.failed += 1
    }
}
