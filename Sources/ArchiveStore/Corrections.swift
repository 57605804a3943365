import Classifier
import DocumentModel
import Foundation
import VietnameseText

/// What one row of the audit trail changed: a metadata field, or the review list.
///
/// Encoded (by `RawRepresentable`'s own `Codable`) as the field's export-contract key, or
/// `review_reasons` for the review list, as the `corrections.field` column holds it.
public enum CorrectedField: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    case metadata(MetadataField)
    /// The correction took the document off the review list; the row's values are JSON lists.
    case reviewReasons

    public init?(rawValue: String) {
        if rawValue == "review_reasons" {
            self = .reviewReasons
        } else if let field = MetadataField(rawValue: rawValue) {
            self = .metadata(field)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .metadata(let field): field.rawValue
        case .reviewReasons: "review_reasons"
        }
    }

    public var description: String { rawValue }
}

/// One row of a document's audit trail: a person set, or cleared, one field.
///
/// Rows are only ever added: a second correction of a field is a second row, and both
/// carry the machine's value, the one the classifier gave before the field's first correction.
/// Every key is on every row, `null` when empty: a null machine value says the machine found nothing.
public struct Correction: Sendable, Codable, Equatable {
    public var field: CorrectedField
    /// The classifier's value; nil when it found none.
    @ExplicitNull public var machineValue: String?
    /// What the person set; nil when they cleared the field.
    @ExplicitNull public var correctedValue: String?
    public var correctedBy: String
    /// UTC with milliseconds: `2026-11-23T10:30:00.123Z`.
    public var correctedAt: String
    @ExplicitNull public var note: String?

    enum CodingKeys: String, CodingKey {
        case field, note
        case machineValue = "machine_value"
        case correctedValue = "corrected_value"
        case correctedBy = "corrected_by"
        case correctedAt = "corrected_at"
    }
}

/// A person's correction of one document, as given. ``Archive/correct(_:_:)`` checks and
/// normalises it (``normalized()``) before it writes anything.
public struct MetadataCorrection: Sendable, Equatable {
    /// The value to store, by field.
    public var values: [MetadataField: String]
    /// The fields to empty.
    public var cleared: Set<MetadataField>
    public var correctedBy: String
    public var note: String?
    /// Leave `needs_review` and its reasons as they are. By default a correction takes the
    /// document off the review list: a person has looked at it.
    public var keepsReview: Bool
    /// The person checked every field and found the values right: with nothing to change,
    /// the document still leaves the review list, and the trail says who confirmed it.
    public var confirmsAll: Bool

    public init(values: [MetadataField: String] = [:], cleared: Set<MetadataField> = [], correctedBy: String, note: String? = nil,
                keepsReview: Bool = false, confirmsAll: Bool = false) {
        self.confirmsAll = confirmsAll
        self.values = values
        self.cleared = cleared
        self.correctedBy = correctedBy
        self.note = note
        self.keepsReview = keepsReview
    }

    /// The fields a person may correct: every metadata key of the export contract.
    public static let fields = MetadataField.documentFields

    /// The field a person named by its export key (`agency_parent`, or `agency-parent` as
    /// typed on a command line): the one place names typed by people become fields.
    public static func field(named name: String) throws -> MetadataField {
        let key = name.replacingOccurrences(of: "-", with: "_")
        guard let field = MetadataField(rawValue: key), fields.contains(field) else { throw CorrectionError.unknownField(key) }
        return field
    }

    /// The correction as it would be stored: codes checked against the export contract's,
    /// dates real and `yyyy-mm-dd`, text NFC with Đ repaired and its spaces collapsed (a
    /// number's removed, as the contract prints numbers); or the first reason it cannot be.
    public func normalized() throws -> MetadataCorrection {
        var result = self
        result.correctedBy = try MetadataCorrection.text(correctedBy, field: "corrected_by")
        guard !result.correctedBy.isEmpty else { throw CorrectionError.noCorrector }
        result.note = try note.map { try MetadataCorrection.text($0, field: "note") }.flatMap { $0.isEmpty ? nil : $0 }
        guard !values.isEmpty || !cleared.isEmpty || confirmsAll else { throw CorrectionError.nothingGiven }
        for field in cleared.sorted() {
            guard MetadataCorrection.fields.contains(field) else { throw CorrectionError.unknownField(field.rawValue) }
            guard field != .docType else { throw CorrectionError.cannotClear(field) }
            guard values[field] == nil else { throw CorrectionError.setAndCleared(field) }
        }
        result.values = try values.reduce(into: [:]) { $0[$1.key] = try MetadataCorrection.value($1.value, for: $1.key) }
        return result
    }

    static func value(_ value: String, for field: MetadataField) throws -> String {
        func code<Code: RawRepresentable & CaseIterable>(_: Code.Type) throws -> String where Code.RawValue == String {
            let code = value.trimmingCharacters(in: .whitespaces)
            guard Code(rawValue: code) != nil else {
                throw CorrectionError.invalid(field: field.rawValue, value: value,
                                              reason: "not one of " + Code.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return code
        }
        let checked: String
        switch field {
        case .docType: checked = try code(DocumentType.self)
        case .legalForm: checked = try code(LegalForm.self)
        case .secrecy: checked = try code(Secrecy.self)
        case .urgency: checked = try code(Urgency.self)
        case .issuedDate:
            let text = value.trimmingCharacters(in: .whitespaces)
            let shaped = text.count == 10 && text.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
            guard shaped, let date = IssuedDate(iso: text) else {
                throw CorrectionError.invalid(field: field.rawValue, value: value, reason: "not a real date as yyyy-mm-dd")
            }
            checked = date.iso
        case .number: checked = try text(value, field: field.rawValue).filter { !$0.isWhitespace }
        default:
            guard fields.contains(field) else { throw CorrectionError.unknownField(field.rawValue) }
            checked = try text(value, field: field.rawValue)
        }
        guard !checked.isEmpty else {
            throw CorrectionError.invalid(field: field.rawValue, value: value, reason: "empty; to empty a field, clear it")
        }
        return checked
    }

    /// NFC, Đ repaired, every run of spaces and line breaks one space.
    private static func text(_ value: String, field: String) throws -> String {
        if let control = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains($0) }) {
            throw CorrectionError.invalid(field: field, value: value,
                                          reason: String(format: "contains a control character (U+%04X)", control.value))
        }
        return VietnameseText.normalize(value).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// What a correction changed.
public struct CorrectionOutcome: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var field: MetadataField
        public var old: String?
        public var new: String?
    }

    /// In the export contract's field order; empty when every value given was the document's already.
    public var changes: [Change]
    /// The review reasons the correction cleared; nil when the document was not on the
    /// review list, nothing changed, or the review was kept.
    public var clearedReviewReasons: [String]?
    /// When the trail's rows were written; nil when nothing was.
    public var correctedAt: String?
    /// Who, as recorded (normalised like every text).
    public var correctedBy: String
}

/// Why a correction was refused, phrased for the person who typed it. Nothing is written.
public enum CorrectionError: Error, Equatable, CustomStringConvertible {
    case noSuchDocument(DocumentID)
    /// A name that is no correctable field, as the person typed it (dashes read as underscores).
    case unknownField(String)
    /// `field` is the export key of the field, or the option (`corrected_by`, `note`) refused.
    case invalid(field: String, value: String, reason: String)
    case cannotClear(MetadataField)
    case setAndCleared(MetadataField)
    case nothingGiven
    case noCorrector

    public var description: String {
        switch self {
        case .noSuchDocument(let id): return "no document with id \(id)"
        case .unknownField(let field):
            return "'\(field)' is not a field that can be corrected (\(MetadataCorrection.fields.map(\.rawValue).joined(separator: ", ")))"
        case let .invalid(field, value, reason): return "\(field) '\(value)': \(reason)"
        case .cannotClear(let field): return "\(field.rawValue) cannot be cleared; set it to unknown instead"
        case .setAndCleared(let field): return "\(field.rawValue) is both given a value and cleared"
        case .nothingGiven: return "nothing to correct: give at least one field (e.g. --number) or --clear one"
        case .noCorrector: return "who is correcting is unknown: give --by NAME (or set SOHOA_USER)"
        }
    }
}

extension Archive {
    /// Fields whose text page 0 of the index holds (``SearchIndex/metadataText(number:subject:agency:agencyParent:signer:place:)``).
    private static let indexedFields: [MetadataField] = [.number, .subject, .agency, .agencyParent, .signer, .place]

    /// Corrects a document's metadata in one transaction: a trail row per changed field,
    /// the document's columns (and the number and agency keys) set to the corrected
    /// values, so that every reader — search, filters, facets, show, review, export — sees
    /// them with no join, and the index rows of the document rewritten where what they
    /// hold or where they sit changed. Row ids carry the issue date
    /// (``SearchIndex/rowID(issuedDate:documentRow:page:)``), so a new date moves every
    /// page of the document to new rows.
    ///
    /// A `doc_type` other than `van_ban_qppl` empties `legal_form`; a legal form for any
    /// other type is refused (the export contract has it for `van_ban_qppl` only). Values
    /// equal to the document's are not recorded; when none differs, nothing is written.
    @discardableResult
    ///
    /// A document above `clearance` is not there for the corrector: ``CorrectionError/noSuchDocument(_:)``.
    public func correct(_ id: DocumentID, _ correction: MetadataCorrection, visibleTo clearance: Clearance) throws -> CorrectionOutcome {
        let correction = try correction.normalized()
        let fields = MetadataField.documentFields
        return try database.transaction {
            guard try isVisible(id, to: clearance) else { throw CorrectionError.noSuchDocument(id) }
            let columns = fields.map(\.rawValue).joined(separator: ", ")
            guard let stored = try database.prepare("""
                SELECT rowid, needs_review, review_reasons, \(columns) FROM documents WHERE id = ?
                """).bind([.text(id.rawValue)]).rows({ row in
                    (row: row.int("rowid"), needsReview: row.bool("needs_review"),
                     reasons: row.text("review_reasons"), reasonList: try row.json([String].self, "review_reasons", of: .document(id)),
                     values: fields.reduce(into: [MetadataField: String]()) { $0[$1] = row.optionalText($1.rawValue) })
                }).first else { throw CorrectionError.noSuchDocument(id) }
            var after = stored.values
            for field in correction.cleared { after[field] = nil }
            after.merge(correction.values) { $1 }
            if after[.docType] != DocumentType.vanBanQPPL.rawValue {
                if let form = correction.values[.legalForm] {
                    throw CorrectionError.invalid(field: MetadataField.legalForm.rawValue, value: form,
                                                  reason: "only a van_ban_qppl has a legal form; correct doc_type to van_ban_qppl as well")
                }
                if correction.values[.docType] != nil { after[.legalForm] = nil }
            }
            var outcome = CorrectionOutcome(changes: [], correctedBy: correction.correctedBy)
            outcome.changes = fields.filter { after[$0] != stored.values[$0] }
                .map { CorrectionOutcome.Change(field: $0, old: stored.values[$0], new: after[$0]) }
            let clearsReview = !correction.keepsReview && stored.needsReview
            guard !outcome.changes.isEmpty || (correction.confirmsAll && clearsReview) else { return outcome }
            let now = Archive.now()
            outcome.correctedAt = now
            var trail = outcome.changes.map { (field: CorrectedField.metadata($0.field), old: $0.old, new: $0.new) }
            if clearsReview {
                outcome.clearedReviewReasons = stored.reasonList
                trail.append((field: .reviewReasons, old: stored.reasons, new: "[]"))
            }
            let firstMachineValue = try database.prepare(
                "SELECT machine_value FROM corrections WHERE document_id = ? AND field = ? ORDER BY id LIMIT 1")
            let record = try database.prepare("""
                INSERT INTO corrections (document_id, field, machine_value, corrected_value, corrected_by, corrected_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for row in trail {
                let earlier = try firstMachineValue.bind([.text(id.rawValue), .text(row.field.rawValue)])
                    .rows { $0.optionalText("machine_value") }
                try record.bind([.text(id.rawValue), .text(row.field.rawValue), .optional(earlier.first ?? row.old),
                                 .optional(row.new), .text(correction.correctedBy), .text(now), .optional(correction.note)]).run()
            }
            let assignments = fields.map { "\($0.rawValue) = ?" }.joined(separator: ", ")
            try database.prepare("""
                UPDATE documents SET \(assignments), number_key = ?, agency_key = ?,
                    needs_review = CASE WHEN ? = 1 THEN 0 ELSE needs_review END,
                    review_reasons = CASE WHEN ? = 1 THEN '[]' ELSE review_reasons END,
                    review_fields = CASE WHEN ? = 1 THEN '[]' ELSE review_fields END,
                    field_confidence = \(database.dialect.jsonMergePatch("field_confidence", "?"))
                WHERE id = ?
                """).bind(fields.map { .optional(after[$0]) } + [
                    .optional(after[.number].map(SearchIndex.numberKey)), .optional(after[.agency].map(SearchIndex.agencyKey)),
                    .int(clearsReview ? 1 : 0), .int(clearsReview ? 1 : 0), .int(clearsReview ? 1 : 0),
                    // A person's value is sure; a cleared field has no confidence left.
                    .text("{" + outcome.changes.map { "\(jsonQuoted($0.field.rawValue)):\($0.new == nil ? "null" : "1")" }.joined(separator: ",") + "}"),
                    .text(id.rawValue),
                ]).run()
            try reindex(id, row: stored.row, from: stored.values, to: after)
            return outcome
        }
    }

    /// Moves the document's index rows from what `before` put there to what `after` does:
    /// its metadata row when indexed text changed, every row when the date did.
    private func reindex(_ id: DocumentID, row: Int, from before: [MetadataField: String], to after: [MetadataField: String]) throws {
        let dateChanged = before[.issuedDate] != after[.issuedDate]
        guard dateChanged || Archive.indexedFields.contains(where: { before[$0] != after[$0] }) else { return }
        func metadataEntry(_ values: [MetadataField: String]) -> SearchIndex.Entry {
            SearchIndex.Entry(
                rowID: SearchIndex.rowID(issuedDate: values[.issuedDate], documentRow: row, page: 0),
                text: SearchIndex.metadataText(number: values[.number], subject: values[.subject], agency: values[.agency],
                                               agencyParent: values[.agencyParent], signer: values[.signer], place: values[.place]))
        }
        var old = [metadataEntry(before)]
        var new = [metadataEntry(after)]
        if dateChanged {
            _ = try database.prepare("SELECT number, text FROM pages WHERE document_id = ?").bind([.text(id.rawValue)]).rows { page in
                let number = page.int("number"), text = page.text("text")
                old.append(SearchIndex.Entry(rowID: SearchIndex.rowID(issuedDate: before[.issuedDate], documentRow: row, page: number),
                                             text: text))
                new.append(SearchIndex.Entry(rowID: SearchIndex.rowID(issuedDate: after[.issuedDate], documentRow: row, page: number),
                                             text: text))
            }
        }
        let writer = try SearchIndex.Writer(database)
        try writer.remove(old)
        try writer.add(new)
    }

    /// The document's audit trail, oldest first; none when it is above `clearance`.
    public func corrections(of id: DocumentID, visibleTo clearance: Clearance) throws -> [Correction] {
        guard try isVisible(id, to: clearance) else { return [] }
        return try database.prepare("""
            SELECT id, field, machine_value, corrected_value, corrected_by, corrected_at, note
            FROM corrections WHERE document_id = ? ORDER BY id
            """).bind([.text(id.rawValue)]).rows { row in
                Correction(field: try row.code(CorrectedField.self, "field", of: .correction(row.int("id"))),
                           machineValue: row.optionalText("machine_value"), correctedValue: row.optionalText("corrected_value"),
                           correctedBy: row.text("corrected_by"), correctedAt: row.text("corrected_at"), note: row.optionalText("note"))
            }
    }
}
