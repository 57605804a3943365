import Classifier
import DocumentModel
import Foundation
import VietnameseText

/// Scores what sohoa exported (`shared/design/export-contract.md`) against a truth file
/// in the form of `shared/corpus-real/truth.jsonl`: the measure of the classifier that
/// issue 4 asks for, and the one its improvements are judged by.
///
/// How a field is counted (a leading "V/v" of a subject is ignored, as the contract drops it):
/// - a text field (number, date, agency, …) is scored where the truth gives a value: the
///   truth's null means "not readable", never "absent";
/// - a marking field (`legal_form`, `secrecy`, `urgency`, `copy`) is scored wherever the truth
///   has the key: there null means "none", and a stamp the classifier invents is a miss;
/// - a field no export line carries at all is not scored (an older export, or a key not yet
///   in the contract), and is listed in ``EvaluationReport/fieldsNotExported``.
public enum Evaluation {
    /// Scored fields, in report order.
    public static let fields = [
        "doc_type", "legal_form", "number", "issued_date", "place", "agency", "agency_parent", "subject",
        "signer", "signer_title", "signing_authority", "secrecy", "urgency", "copy", "copy_number",
        "copy_issued_date", "pages",
    ]

    /// Fields whose null is a statement ("no stamp", "not a copy").
    static let markings: Set<String> = ["legal_form", "secrecy", "urgency", "copy"]

    /// The 16 administrative types and `van_ban_qppl`: the classes sohoa must tell apart.
    public static let requiredTypes: Set<String> = Set([
        DocumentType.nghiQuyet, .quyetDinh, .chiThi, .quyChe, .quyDinh, .thongCao, .thongBao, .huongDan,
        .chuongTrinh, .keHoach, .phuongAn, .deAn, .duAn, .baoCao, .toTrinh, .congVan, .vanBanQPPL,
    ].map(\.rawValue))

    /// A truth type for "some document that is none of the required classes": it agrees
    /// with any other code, `unknown` included.
    static let other = "other"

    public static func score(truth: [JSONRecord], export: [JSONRecord]) -> EvaluationReport {
        let rows = match(truth: truth, export: export)
        let exported = Set(export.flatMap(\.values.keys))
        let scored = fields.filter { exported.contains($0) }
        var report = EvaluationReport()
        report.documents.truth = truth.count
        report.documents.matched = rows.compactMap { $0 }.count
        report.documents.missing = zip(truth, rows).filter { $0.1 == nil }.map { $0.0["file"] ?? "" }
        for row in export { report.documents.exportStatuses[row["status"] ?? "ok", default: 0] += 1 }
        report.fieldsNotExported = fields.filter { field in !exported.contains(field) && truth.contains { $0[field] != nil } }
        report.classes = classScores(truth: truth, rows: rows)
        report.macroF1 = mean(report.classes.map(\.f1))
        report.macroF1Required = mean(report.classes.filter { requiredTypes.contains($0.type) }.map(\.f1))

        var fieldScores = Dictionary(uniqueKeysWithValues: scored.map { ($0, FieldScore(field: $0)) })
        for (want, row) in zip(truth, rows) {
            var judged = FlagTally()
            // A field is flagged when the export names it in `review_fields`; an export
            // without that key only says the whole document needs review.
            let flaggedFields = row?.has("review_fields") == true
                ? Set((row?["review_fields"] ?? "").split(separator: "\n").map(String.init)) : nil
            let documentFlagged = row?["needs_review"] == "true"
            // The document's text in the two forms misses are looked up in, made on the
            // first miss and only once.
            var searchable: SearchableText?
            for field in scored where want.has(field) && (want[field] != nil || markings.contains(field)) {
                let expected = want[field], got = row?[field]
                let (a, b) = field == "subject" ? (withoutVv(expected), withoutVv(got)) : (expected, got)
                let agrees = field == "doc_type" ? sameType(expected, got) : exact(a) == exact(b)
                let agreesLoosely = agrees || loose(a) == loose(b)
                fieldScores[field]!.stated += 1
                fieldScores[field]!.exact += agrees ? 1 : 0
                fieldScores[field]!.loose += agreesLoosely ? 1 : 0
                let flagged = flaggedFields.map { $0.contains(field) } ?? documentFlagged
                fieldScores[field]!.silent += !agrees && !flagged ? 1 : 0
                judged.count(isRight: agrees, flagged: flagged)
                if agrees, flagged, flaggedFields != nil {
                    let reasons = (row?["review_reasons"] ?? "").split(separator: "\n").map(String.init)
                    report.falseAlarms.append(FalseAlarm(file: want["file"] ?? "", field: field, reasons: reasons))
                }
                if !agrees {
                    searchable = searchable ?? row?["text"].map(SearchableText.init)
                    report.misses.append(Miss(file: want["file"] ?? "", field: field, expected: expected, got: got,
                                              cause: searchable.flatMap { cause(field: field, expected: a, in: $0) },
                                              flagged: flagged))
                }
            }
            // needs_review can only be judged on documents that were stored.
            guard let row, row["status"] != "failed" else { continue }
            report.review.count(fields: judged, flagged: documentFlagged)
        }
        report.fields = scored.compactMap { fieldScores[$0] }.filter { $0.stated > 0 }
        return report
    }

    /// Codes and counts, not text: whether they are "in the text" means nothing.
    static let notTextual: Set<String> = ["doc_type", "legal_form", "secrecy", "urgency", "copy", "pages"]

    /// A document's text as misses are looked up in it: as printed (case and spacing
    /// aside), and without marks (see ``loose``).
    struct SearchableText {
        let printed: String
        let letters: String

        init(_ text: String) {
            printed = Evaluation.squeezed(exact(text)?.lowercased())
            letters = Evaluation.squeezed(loose(text))
        }
    }

    private static func squeezed(_ value: String?) -> String {
        (value ?? "").filter { !$0.isWhitespace }
    }

    /// Why a field missed, from where its truth value turns up in the document's text:
    /// as printed, only without marks, or not at all. A date is looked for in the ways
    /// documents print one.
    static func cause(field: String, expected: String?, in text: SearchableText) -> MissCause? {
        guard let expected, !notTextual.contains(field) else { return nil }
        if field.hasSuffix("date") {
            guard let date = IssuedDate(iso: expected) else { return nil }
            let days = [String(date.day), date.day < 10 ? "0\(date.day)" : nil].compactMap { $0 }
            let months = [String(date.month), date.month < 10 ? "0\(date.month)" : nil].compactMap { $0 }
            let forms = days.flatMap { d in months.flatMap { m in
                ["ngay\(d)thang\(m)nam\(date.year)", "\(d)/\(m)/\(date.year)", "\(d).\(m).\(date.year)", "\(d)-\(m)-\(date.year)"]
            } }
            return forms.contains { text.letters.contains($0) } ? .extraction : .notInText
        }
        let printed = squeezed(exact(expected)?.lowercased())
        if !printed.isEmpty, text.printed.contains(printed) { return .extraction }
        let letters = squeezed(loose(expected))
        if !letters.isEmpty, text.letters.contains(letters) { return .ocrMarks }
        return .notInText
    }

    /// The export line of each truth line, by path: equal, or one ending in the other by
    /// whole components (`docs/a.pdf` in the truth, `a.pdf` from `sohoa ingest docs`); when
    /// several end alike, the one sharing the most components. A bound scan has a line per
    /// document: the truth's `source_pages` picks the one with the same pages (none when no
    /// document was cut there), and a truth line without it is the document that opens the
    /// file. Export lines need only `source`.
    public static func match(truth: [JSONRecord], export: [JSONRecord]) -> [JSONRecord?] {
        let components = export.map { ($0["source"] ?? "").split(separator: "/").map(String.init) }
        let byName = Dictionary(grouping: export.indices) { components[$0].last ?? "" }
        return truth.map { line in
            let wanted = (line["file"] ?? "").split(separator: "/").map(String.init)
            let candidates = (byName[wanted.last ?? ""] ?? []).filter { index in
                let shared = commonSuffix(components[index], wanted)
                return shared == components[index].count || shared == wanted.count
            }
            let best = candidates.map { commonSuffix(components[$0], wanted) }.max()
            let closest = candidates.filter { commonSuffix(components[$0], wanted) == best }
            if let pages = line["source_pages"] {
                return closest.first { export[$0]["source_pages"] == pages }.map { export[$0] }
            }
            return (closest.first { export[$0]["source_pages"].map { $0.hasPrefix("1-") } ?? true } ?? closest.first).map { export[$0] }
        }
    }

    private static func commonSuffix(_ a: [String], _ b: [String]) -> Int {
        zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
    }

    /// Whether a predicted type agrees with the truth's (`other` agrees with any type outside
    /// the required classes).
    public static func sameType(_ expected: String?, _ got: String?) -> Bool {
        guard expected == other else { return expected == got }
        return got.map { !requiredTypes.contains($0) } ?? false
    }

    /// Per-class precision, recall and F1 over the classes the truth holds. A prediction
    /// outside the truth's classes and outside the required ones counts as `other` when the
    /// truth uses `other`; a document missing from the export predicts nothing.
    static func classScores(truth: [JSONRecord], rows: [JSONRecord?]) -> [ClassScore] {
        let pairs = zip(truth, rows).compactMap { want, row in want["doc_type"].map { ($0, row?["doc_type"]) } }
        let classes = Set(pairs.map(\.0))
        func predicted(_ got: String?) -> String? {
            guard let got else { return nil }
            if classes.contains(other), !classes.contains(got), !requiredTypes.contains(got) { return other }
            return got
        }
        let order = DocumentType.allCases.map(\.rawValue) + [other]
        let sorted = classes.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
        return sorted.map { type in
            var score = ClassScore(type: type)
            for (want, got) in pairs {
                let guess = predicted(got)
                score.support += want == type ? 1 : 0
                score.predicted += guess == type ? 1 : 0
                score.truePositives += want == type && guess == type ? 1 : 0
            }
            return score
        }
    }

    /// A subject without the "V/v" a công văn prints before it: the contract leaves it out,
    /// some truth files (corpus-real's) keep it.
    static func withoutVv(_ value: String?) -> String? {
        guard let value, value.lowercased().hasPrefix("v/v") else { return value }
        return String(value.dropFirst(3).drop { $0.isWhitespace || $0 == ":" || $0 == "." })
    }

    /// NFC with whitespace runs collapsed to one space and trimmed: the contract's form.
    static func exact(_ value: String?) -> String? {
        value.map { VietnameseText.nfc($0).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    /// Also without tone and vowel marks (đ→d), case, and spacing around punctuation: what
    /// is left of a miss here is more than an OCR tone slip or old/new tone placement.
    static func loose(_ value: String?) -> String? {
        guard let text = exact(value) else { return nil }
        var folded = VietnameseText.fold(text).lowercased()
        for mark in ["/", "-", ",", ".", ":", ";"] {
            folded = folded.replacingOccurrences(of: " " + mark, with: mark).replacingOccurrences(of: mark + " ", with: mark)
        }
        return folded
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
