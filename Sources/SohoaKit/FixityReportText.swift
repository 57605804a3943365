import ArchiveStore
import Foundation

/// `sohoa verify` as a person and as a script read it.
extension FixityReport {
    public var text: String {
        var lines = [isIntact
            ? "Intact: \(checked) files (\(bytes) bytes) match their SHA-256; database checks passed."
            : "NOT INTACT: \(missing.count) missing, \(changed.count) changed of \(checked) files; "
                + "\(databaseProblems.count) database problems."]
        lines += missing.map { "  missing   \($0)" }
        lines += changed.map { "  changed   \($0)" }
        lines += databaseProblems.map { "  database  \($0)" }
        if !unknownFiles.isEmpty {
            lines.append("\(unknownFiles.count) file(s) under originals/ or derivatives/ belong to no document (left by an interrupted batch; the next ingest removes them):")
            lines += unknownFiles.map { "  unknown   \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    public var jsonLine: String {
        let object: [String: Any] = [
            "intact": isIntact, "checked": checked, "bytes": bytes, "missing": missing, "changed": changed,
            "unknown_files": unknownFiles, "database_problems": databaseProblems,
        ]
        return jsonText(object)
    }
}
