import DocumentModel
import Foundation
import VietnameseText

extension Archive {
    /// Writes one JSON object per line for every input ever recorded, in the order they
    /// were first seen, with the keys of `shared/design/export-contract.md` in its order —
    /// each present on every line, `null` when there is no value — then sohoa's own:
    /// `searchable_pdf`, the derivative's path in the archive, for a copy `copy`
    /// (`sao_y`, `trich_sao`, `sao_luc`), `copy_number` and `copy_issued_date`, and what a
    /// person corrected (`sohoa correct`; the metadata keys then hold the corrected values):
    /// `corrected_fields`, the keys, in the contract's order, and `machine_values`, each of
    /// those keys with the classifier's value (`[]` and `{}` when none); last, the keys
    /// of the fields review should check (`review_fields`) and each found field's
    /// confidence, 0–1 (`field_confidence`; 1 for a person's value), and the version of
    /// the learned type model that voted (`model_version`, `sohoa train`; null when none);
    /// then where the input sits (`hierarchy.pattern`): `fonds`, `box`, `file_code` (mã
    /// hồ sơ), `file_title`, and for a stored document `doc_ordinal`, its rank in its hồ
    /// sơ (null when its folders name no hồ sơ); and `source_pages`, the input's pages a
    /// document was cut from ("3-7") when a bound scan held several, null when it is the
    /// whole file. Such an input has a line per document, in page order.
    ///
    /// A failure has no document: its `id`, `pages` and `text_source` are null, its
    /// `doc_type` is `"unknown"` and its `text` empty. A duplicate carries the stored
    /// document's id (also in `duplicate_of`) and its metadata.
    ///
    /// A document above `clearance` is left out, with the inputs that stored or doubled it:
    /// for that reader it does not exist. Failures, which hold no document, are kept.
    public func exportJSONL(to handle: FileHandle, visibleTo clearance: Clearance) throws {
        var buffer = ""
        func flush() {
            handle.write(Data(buffer.utf8))
            buffer = ""
        }
        let ordinals = try hoSoOrdinals()
        try forEachExportLine(joining: "LEFT JOIN documents d ON d.id = i.document_id", where: "i.status != \(InputStatus.discovered.sql)",
                              [], expandingBoundScans: true, ordinal: { ordinals[$0] }, visibleTo: clearance) { line in
            buffer += line + "\n"
            if buffer.utf8.count > 1 << 20 { flush() }
        }
        flush()
    }

    /// The document's record as the export has it (its line of the input that stored it),
    /// or nil when there is no such document or it is above `clearance`.
    public func exportRecord(of id: DocumentID, visibleTo clearance: Clearance) throws -> String? {
        var record: String?
        try forEachExportLine(joining: "JOIN documents d ON d.sha256 = i.sha_key",
                              where: "d.id = ? AND i.status = \(InputStatus.ok.sql)", [.text(id.rawValue)], expandingBoundScans: false,
                              ordinal: { try self.place(of: $0)?.ordinal }, visibleTo: clearance) { line in
            if record == nil { record = line }
        }
        return record
    }

    /// The export's lines of the inputs `condition` selects, each joined to its document by
    /// `join`. With `expandingBoundScans`, a bound scan's line (its first document's) is
    /// followed by one per other document cut from it. `ordinal` gives a document's rank in
    /// its hồ sơ: from a table made once for a whole export, looked up for one record.
    private func forEachExportLine(joining join: String, where condition: String, _ values: [Statement.Value],
                                   expandingBoundScans: Bool, ordinal: (DocumentID) throws -> Int?, visibleTo clearance: Clearance,
                                   _ body: (String) throws -> Void) throws {
        let columns = MetadataField.documentFields.map { "d.\($0.rawValue)" }.joined(separator: ", ")
        let visible = clearance.visibilitySQL("d").map { "AND (d.id IS NULL OR \($0))" } ?? ""
        let selected = """
            SELECT i.id, i.source, nullif(i.sha_key, '') AS sha256, i.status, d.id AS document_id, i.error, d.source_pages,
                   d.page_count, d.text_source, d.ocr_confidence, d.needs_review, d.review_reasons, d.derivative_path,
                   \(columns), d.copy_form AS copy, d.copy_number, d.copy_issued_date, d.review_fields, d.field_confidence,
                   d.model_version,
                   CASE WHEN i.status = \(InputStatus.ok.sql) THEN d.fonds ELSE p.fonds END AS place_fonds,
                   CASE WHEN i.status = \(InputStatus.ok.sql) THEN d.box ELSE p.box END AS place_box,
                   CASE WHEN i.status = \(InputStatus.ok.sql) THEN d.ho_so ELSE p.ho_so END AS place_ho_so,
                   p.ho_so_title
            """
        let rows = try database.prepare("""
            \(selected)
            FROM inputs i \(join)
            LEFT JOIN input_places p ON p.batch_root = i.batch_root AND p.source = i.source
            WHERE \(condition) \(visible)
            ORDER BY i.id
            """).bind(values)
        // The other documents cut from the same bound scan, after the first.
        let laterParts = try database.prepare("""
            \(selected)
            FROM inputs i JOIN documents d ON d.sha256 = i.sha_key AND d.id != i.document_id
            LEFT JOIN input_places p ON p.batch_root = i.batch_root AND p.source = i.source
            WHERE i.id = ? \(visible)
            ORDER BY d.rowid
            """)
        let pageTexts = try database.prepare("SELECT text FROM pages WHERE document_id = ? ORDER BY number")
        let corrections = try database.prepare("SELECT field, machine_value FROM corrections WHERE document_id = ? ORDER BY id")
        let hoSoTitle = try database.prepare("SELECT title FROM ho_so WHERE fonds = ? AND box = ? AND code = ?")
        func line(_ row: Statement.Row) throws -> String {
            var line = JSONLine()
            let id = row.optionalText("document_id")
            let status = try row.code(InputStatus.self, "status", of: .input(row.int("id")))
            line.add("id", .string(id))
            line.add("source", .string(row.text("source")))
            line.add("source_display", .string(SourceName.display(of: row.text("source"))))
            line.add("sha256", .string(row.optionalText("sha256")))
            line.add("status", .string(status.rawValue))
            line.add("duplicate_of", .string(status == .duplicate ? id : nil))
            line.add("error", .string(row.optionalText("error")))
            line.add("pages", .int(row.optionalInt("page_count")))
            for field in MetadataField.documentFields {
                let value = row.optionalText(field.rawValue)
                line.add(field.rawValue, .string(field == .docType ? value ?? DocumentType.unknown.rawValue : value))
            }
            let text = try id.map { try pageTexts.bind([.text($0)]).rows { $0.text("text") }.joined(separator: "\u{0C}") } ?? ""
            line.add("text", .string(text))
            line.add("text_source", .string(row.optionalText("text_source")))
            line.add("ocr_confidence", .double(row.optionalDouble("ocr_confidence")))
            line.add("needs_review", .bool(row.optionalInt("needs_review").map { $0 != 0 } ?? false))
            line.add("review_reasons", .raw(row.optionalText("review_reasons") ?? "[]"))
            line.add("searchable_pdf", .string(row.optionalText("derivative_path")))
            for field in MetadataField.copyFields {
                line.add(field.rawValue, .string(row.optionalText(field.rawValue)))
            }
            var machineValues: [MetadataField: String?] = [:]
            if let id {
                _ = try corrections.bind([.text(id)]).rows { row in
                    // Every row carries the machine's value; the first is as good as any. Rows
                    // of the review list are no metadata field.
                    if let field = MetadataField(rawValue: row.text("field")), machineValues[field] == nil {
                        machineValues[field] = row.optionalText("machine_value")
                    }
                }
            }
            let corrected = MetadataField.documentFields.filter { machineValues[$0] != nil }
            line.add("corrected_fields", .raw("[" + corrected.map { jsonQuoted($0.rawValue) }.joined(separator: ",") + "]"))
            var machine = JSONLine()
            for field in corrected { machine.add(field.rawValue, .string(machineValues[field] ?? nil)) }
            line.add("machine_values", .raw(machine.text + "}"))
            line.add("review_fields", .raw(row.optionalText("review_fields") ?? "[]"))
            line.add("field_confidence", .raw(row.optionalText("field_confidence") ?? "{}"))
            line.add("model_version", .int(row.optionalInt("model_version")))
            let hoSo = row.optionalText("place_ho_so")
            line.add("fonds", .string(row.optionalText("place_fonds")))
            line.add("box", .string(row.optionalText("place_box")))
            line.add("file_code", .string(hoSo))
            let title = try hoSo.flatMap { code in
                try hoSoTitle.bind([.text(row.optionalText("place_fonds") ?? ""), .text(row.optionalText("place_box") ?? ""), .text(code)])
                    .rows { $0.optionalText("title") }.first ?? nil
            }
            line.add("file_title", .string(title ?? row.optionalText("ho_so_title")))
            line.add("doc_ordinal", .int(status == .ok ? try id.flatMap { try ordinal(DocumentID($0)) } : nil))
            // A duplicate is of the whole file, whatever documents were cut from it.
            line.add("source_pages", .string(status == .ok ? row.optionalText("source_pages") : nil))
            return line.text + "}"
        }
        _ = try rows.rows { row in
            try body(try line(row))
            guard expandingBoundScans, !row.isNull("source_pages"),
                  try row.code(InputStatus.self, "status", of: .input(row.int("id"))) == .ok else { return }
            _ = try laterParts.bind([.int(row.int("id"))]).rows { try body(try line($0)) }
        }
    }
}

/// A JSON object written key by key, so the keys keep the contract's order.
struct JSONLine {
    enum Value {
        case string(String?)
        case int(Int?)
        case double(Double?)
        case bool(Bool)
        /// Already-encoded JSON.
        case raw(String)
    }

    private(set) var text = "{"

    mutating func add(_ key: String, _ value: Value) {
        if text.count > 1 { text += "," }
        text += jsonQuoted(key) + ":"
        switch value {
        case .string(let s): text += s.map(jsonQuoted) ?? "null"
        case .int(let n): text += n.map(String.init) ?? "null"
        case .double(let d): text += d.map { String(($0 * 100).rounded() / 100) } ?? "null"
        case .bool(let b): text += b ? "true" : "false"
        case .raw(let json): text += json
        }
    }
}
