import ArchiveStore
import Evaluation
import Foundation
import Pipeline

/// `sohoa evaluate`: an archive's types and metadata, or an export file's, or this build's
/// classifier on the archive's stored pages, scored against a truth file.
public struct EvaluationRequest: Sendable {
    public var truthFile: String
    /// Score this export file instead of the archive.
    public var exportFile: String?
    /// Classify the archive's stored pages again, in memory, and score that.
    public var reclassify = false

    public init(truthFile: String) {
        self.truthFile = truthFile
    }

    public func run(in workspace: Workspace) throws -> EvaluationReport {
        let truth = try readJSONLines(truthFile)
        if reclassify && exportFile != nil {
            throw CommandFailure(.badUsage, "--reclassify scores the archive; --export scores a file: choose one")
        }
        let export = try exportFile.map(readJSONLines) ?? (reclassify ? classifyAgain(workspace) : exportArchive(workspace))
        return Evaluation.score(truth: truth, export: export)
    }

    /// Each stored document as this build's classifier reads it now, with the archive's
    /// newest learned type model voting as it would in an ingest.
    private func classifyAgain(_ workspace: Workspace) throws -> [JSONRecord] {
        let archive = try workspace.openExistingArchive()
        let classification = try DocumentClassification(archive: archive, configuration: workspace.configuration())
        var records: [JSONRecord] = []
        try archive.forEachStoredDocument { source, pages in
            records.append(JSONRecord(source: source, pages: pages, metadata: classification.classify(pages)))
        }
        return records
    }

    /// The archive as `sohoa export` writes it, so that what is scored is what auditors get.
    private func exportArchive(_ workspace: Workspace) throws -> [JSONRecord] {
        let archive = try workspace.openExistingArchive()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-evaluate-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            throw CommandFailure(.unusable, "cannot write a temporary file in \(file.deletingLastPathComponent().path)")
        }
        try archive.exportJSONL(to: handle, visibleTo: .unrestricted)
        try handle.close()
        return try readJSONLines(file.path)
    }
}

/// The report as tables a person reads.
public struct EvaluationTable {
    public let report: EvaluationReport
    public let listsMisses: Bool
    public let listsFalseAlarms: Bool

    public init(report: EvaluationReport, listsMisses: Bool, listsFalseAlarms: Bool = false) {
        self.report = report
        self.listsMisses = listsMisses
        self.listsFalseAlarms = listsFalseAlarms
    }

    public var text: String {
        var out = ""
        let d = report.documents
        let statuses = d.exportStatuses.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        out += "documents: \(d.truth) in the truth, \(d.matched) matched in the export (\(statuses.isEmpty ? "empty" : statuses))\n"
        if !d.missing.isEmpty {
            out += "missing from the export: \(d.missing.joined(separator: ", "))\n"
        }
        out += "\n" + pad("type", 20) + pad("n", 6, right: true) + pad("pred", 6, right: true) + pad("right", 7, right: true)
            + pad("precision", 11, right: true) + pad("recall", 8, right: true) + pad("F1", 7, right: true) + "\n"
        for c in report.classes {
            out += pad(c.type, 20) + pad("\(c.support)", 6, right: true) + pad("\(c.predicted)", 6, right: true)
                + pad("\(c.truePositives)", 7, right: true) + pad(fixed(c.precision), 11, right: true)
                + pad(fixed(c.recall), 8, right: true) + pad(fixed(c.f1), 7, right: true) + "\n"
        }
        if let macro = report.macroF1 {
            let required = report.classes.filter { Evaluation.requiredTypes.contains($0.type) }.count
            out += "macro-F1 \(fixed(macro)) over \(report.classes.count) classes"
            out += report.macroF1Required.map { ", \(fixed($0)) over the \(required) required ones" } ?? ""
            out += "\n"
        }
        out += "\n" + pad("field", 20) + pad("stated", 7, right: true) + pad("exact", 7, right: true)
            + pad("loose", 7, right: true) + pad("exact%", 8, right: true) + pad("loose%", 8, right: true)
            + pad("silent", 8, right: true) + "\n"
        for f in report.fields {
            out += pad(f.field, 20) + pad("\(f.stated)", 7, right: true) + pad("\(f.exact)", 7, right: true)
                + pad("\(f.loose)", 7, right: true) + pad(percent(f.exact, f.stated), 8, right: true)
                + pad(percent(f.loose, f.stated), 8, right: true) + pad("\(f.silent)", 8, right: true) + "\n"
        }
        out += "silent: wrong and not named in review_fields\n"
        if !report.fieldsNotExported.isEmpty {
            out += "not in the export, not scored: \(report.fieldsNotExported.joined(separator: ", "))\n"
        }
        let r = report.review
        out += "\nneeds_review flags \(r.wrongDocumentsFlagged) of \(r.wrongDocuments) documents with a wrong field (\(percent(r.wrongDocumentsFlagged, r.wrongDocuments)))"
        out += " and \(r.rightDocumentsFlagged) of \(r.rightDocuments) fully right ones (\(percent(r.rightDocumentsFlagged, r.rightDocuments)))\n"
        out += "  by field: \(r.wrongFieldsFlagged) of \(r.wrongFields) wrong fields (\(percent(r.wrongFieldsFlagged, r.wrongFields)))"
        out += " and \(r.rightFieldsFlagged) of \(r.rightFields) right ones (\(percent(r.rightFieldsFlagged, r.rightFields)))\n"
        out += "  silent errors: \(r.silentFields) of \(r.judgedFields) judged fields (\(percent(r.silentFields, r.judgedFields)));"
        out += " review load: \(r.flaggedDocuments) of \(r.judgedDocuments) documents flagged"
        out += " (\(percent(r.flaggedDocuments, r.judgedDocuments)))\n"
        let judged = report.misses.filter { $0.cause != nil }
        if !judged.isEmpty {
            out += "\nmisses by cause (the truth found in the text as printed: extraction; only without its marks: OCR marks; not at all: not in the text)\n"
            for field in Evaluation.fields where judged.contains(where: { $0.field == field }) {
                let misses = judged.filter { $0.field == field }
                let count = { (cause: MissCause) in misses.filter { $0.cause == cause }.count }
                out += "  " + pad(field, 18) + "extraction \(count(.extraction)), OCR marks \(count(.ocrMarks)), not in the text \(count(.notInText))\n"
            }
        }
        if listsMisses, !report.misses.isEmpty {
            out += "\nmisses:\n"
            for miss in report.misses {
                let cause = miss.cause.map { "  [\($0.rawValue)]" } ?? ""
                let silent = miss.flagged ? "" : "  [silent]"
                out += "  \(miss.file)  \(miss.field): expected \(quoted(miss.expected)), got \(quoted(miss.got))\(cause)\(silent)\n"
            }
        }
        if listsFalseAlarms, !report.falseAlarms.isEmpty {
            let byField = Evaluation.fields.compactMap { field in
                let count = report.falseAlarms.filter { $0.field == field }.count
                return count == 0 ? nil : "\(field) \(count)"
            }
            out += "\nright fields named for review (\(byField.joined(separator: ", "))):\n"
            for alarm in report.falseAlarms {
                out += "  \(alarm.file)  \(alarm.field): \(alarm.reasons.joined(separator: "; "))\n"
            }
        }
        return out
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(1, width - text.count))
        return right ? fill + text : text + fill
    }

    private func fixed(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
    }

    private func quoted(_ value: String?) -> String {
        value.map { "\"\($0)\"" } ?? "null"
    }
}
