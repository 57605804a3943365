/// The figures of one evaluation; encoded with snake_case keys for `sohoa evaluate --json`.
public struct EvaluationReport: Sendable, Encodable {
    public var documents = Documents()
    /// One row per class in the truth, in the export contract's order.
    public var classes: [ClassScore] = []
    /// Mean F1 over the truth's classes; nil when the truth states no type.
    public var macroF1: Double?
    /// Mean F1 over the truth's classes that are required ones (the 16 and `van_ban_qppl`).
    public var macroF1Required: Double?
    public var fields: [FieldScore] = []
    /// Fields the truth states but no export line carries.
    public var fieldsNotExported: [String] = []
    public var review = ReviewScore()
    /// Every scored field that does not agree exactly, in truth order.
    public var misses: [Miss] = []
    /// Every right field the export names in `review_fields`, in truth order: the review
    /// load's other side, to calibrate the doubts on.
    public var falseAlarms: [FalseAlarm] = []

    public struct Documents: Sendable, Encodable {
        public var truth = 0
        public var matched = 0
        /// Truth files no export line matches.
        public var missing: [String] = []
        /// Export lines by status (`ok`, `duplicate`, `failed`).
        public var exportStatuses: [String: Int] = [:]
    }
}

public struct ClassScore: Sendable, Encodable, Equatable {
    public var type: String
    /// Documents of this class in the truth.
    public var support = 0
    /// Documents the export gives this class.
    public var predicted = 0
    public var truePositives = 0

    /// 0 when nothing was predicted as this class (as scikit-learn's `zero_division=0`).
    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { support == 0 ? 0 : Double(truePositives) / Double(support) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    enum CodingKeys: String, CodingKey { case type, support, predicted, truePositives, precision, recall, f1 }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(support, forKey: .support)
        try container.encode(predicted, forKey: .predicted)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
    }
}

public struct FieldScore: Sendable, Encodable, Equatable {
    public var field: String
    /// Truth lines that state this field (a value, or "none" for a marking).
    public var stated = 0
    /// Equal after NFC and whitespace collapse.
    public var exact = 0
    /// Equal also ignoring diacritics, case and spacing around punctuation.
    public var loose = 0
    /// Wrong and not flagged for review: the errors that cost an archive its users' trust,
    /// worse than a value left empty or named in `review_fields`.
    public var silent = 0
}

/// How well `needs_review` points a person at the errors, by document and by field.
public struct ReviewScore: Sendable, Encodable, Equatable {
    /// Stored documents with at least one wrong field, and how many of them are flagged.
    public var wrongDocuments = 0
    public var wrongDocumentsFlagged = 0
    /// Stored documents with every scored field right, and how many of them are flagged.
    public var rightDocuments = 0
    public var rightDocumentsFlagged = 0
    /// The same by field: wrong (right) fields flagged — named in the export's
    /// `review_fields`, or, in an export without that key, in a flagged document.
    public var wrongFields = 0
    public var wrongFieldsFlagged = 0
    public var rightFields = 0
    public var rightFieldsFlagged = 0

    /// Share of wrong documents flagged: what the flag catches.
    public var catches: Double? { share(wrongDocumentsFlagged, wrongDocuments) }
    /// Share of fully right documents flagged: the work the flag costs for nothing.
    public var falseAlarms: Double? { share(rightDocumentsFlagged, rightDocuments) }
    public var wrongFieldsCaught: Double? { share(wrongFieldsFlagged, wrongFields) }
    public var rightFieldsFlaggedShare: Double? { share(rightFieldsFlagged, rightFields) }
    /// Wrong fields nobody is asked to check.
    public var silentFields: Int { wrongFields - wrongFieldsFlagged }
    public var judgedFields: Int { wrongFields + rightFields }
    public var flaggedDocuments: Int { wrongDocumentsFlagged + rightDocumentsFlagged }
    public var judgedDocuments: Int { wrongDocuments + rightDocuments }
    /// Silent fields as a share of all judged fields.
    public var silentErrors: Double? { share(silentFields, judgedFields) }
    /// Share of stored documents flagged: the review work the flag asks for. Flagging
    /// everything would leave no silent error and no use in the flag.
    public var reviewLoad: Double? { share(flaggedDocuments, judgedDocuments) }

    /// Counts one stored document: its fields as judged, and whether the document is flagged.
    mutating func count(fields: FlagTally, flagged: Bool) {
        let flag = flagged ? 1 : 0
        if fields.wrong > 0 {
            wrongDocuments += 1
            wrongDocumentsFlagged += flag
        } else {
            rightDocuments += 1
            rightDocumentsFlagged += flag
        }
        wrongFields += fields.wrong
        wrongFieldsFlagged += fields.wrongFlagged
        rightFields += fields.right
        rightFieldsFlagged += fields.rightFlagged
    }

    private func share(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    enum CodingKeys: String, CodingKey {
        case wrongDocuments, wrongDocumentsFlagged, rightDocuments, rightDocumentsFlagged
        case wrongFields, wrongFieldsFlagged, rightFields, rightFieldsFlagged
        case catches, falseAlarms, wrongFieldsCaught, rightFieldsFlaggedShare, silentErrors, reviewLoad
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wrongDocuments, forKey: .wrongDocuments)
        try container.encode(wrongDocumentsFlagged, forKey: .wrongDocumentsFlagged)
        try container.encode(rightDocuments, forKey: .rightDocuments)
        try container.encode(rightDocumentsFlagged, forKey: .rightDocumentsFlagged)
        try container.encode(wrongFields, forKey: .wrongFields)
        try container.encode(wrongFieldsFlagged, forKey: .wrongFieldsFlagged)
        try container.encode(rightFields, forKey: .rightFields)
        try container.encode(rightFieldsFlagged, forKey: .rightFieldsFlagged)
        try container.encode(catches, forKey: .catches)
        try container.encode(falseAlarms, forKey: .falseAlarms)
        try container.encode(wrongFieldsCaught, forKey: .wrongFieldsCaught)
        try container.encode(rightFieldsFlaggedShare, forKey: .rightFieldsFlaggedShare)
        try container.encode(silentErrors, forKey: .silentErrors)
        try container.encode(reviewLoad, forKey: .reviewLoad)
    }
}

public struct Miss: Sendable, Encodable, Equatable {
    public var file: String
    public var field: String
    public var expected: String?
    public var got: String?
    /// Where the miss comes from, judged by looking for the expected value in the
    /// document's text; nil where that cannot be told (no text in the export, a null or
    /// coded truth value).
    public var cause: MissCause?
    /// Whether the export named the field for review (or, without `review_fields`, flagged
    /// the document): a miss nobody is asked to check is a silent error.
    public var flagged: Bool

    public init(file: String, field: String, expected: String?, got: String?, cause: MissCause? = nil, flagged: Bool = false) {
        self.file = file
        self.field = field
        self.expected = expected
        self.got = got
        self.cause = cause
        self.flagged = flagged
    }
}

/// A right field sent to review, with the reasons the export gives its document.
public struct FalseAlarm: Sendable, Encodable, Equatable {
    public var file: String
    public var field: String
    public var reasons: [String]

    public init(file: String, field: String, reasons: [String]) {
        self.file = file
        self.field = field
        self.reasons = reasons
    }
}

public enum MissCause: String, Sendable, Encodable {
    /// The text holds the value as printed (case and spacing aside): the classifier did
    /// not take it.
    case extraction
    /// The text holds its letters with other marks: OCR slipped a tone or a hat.
    case ocrMarks = "ocr_marks"
    /// Not in the text at all: OCR lost it, or it is handwriting or under a seal.
    case notInText = "not_in_text"
}

/// A flag for a person (`needs_review`, a field named in `review_fields`, the learned
/// model's doubt) judged against the truth: how many wrong values it falls on, and how many
/// right ones, where it only costs a reviewer's time.
public struct FlagTally: Sendable, Equatable {
    public private(set) var wrong = 0
    public private(set) var wrongFlagged = 0
    public private(set) var right = 0
    public private(set) var rightFlagged = 0

    public init() {}

    public mutating func count(isRight: Bool, flagged: Bool) {
        if isRight {
            right += 1
            rightFlagged += flagged ? 1 : 0
        } else {
            wrong += 1
            wrongFlagged += flagged ? 1 : 0
        }
    }
}
