import ArchiveStore
import DocumentModel
import Foundation
import VietnameseText

/// `sohoa package OUT`: a box, a hồ sơ or the whole archive handed to a state archive as a
/// BagIt 1.0 bag (RFC 8493):
///
/// ```
/// OUT/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
/// OUT/data/van-ban/<id>/goc.<ext>       the original, byte for byte
/// OUT/data/van-ban/<id>/pdfa.pdf        its searchable PDF/A-2b, for a scanned document
/// OUT/data/van-ban.csv, van-ban.json    one row per document (Excel's UTF-8 CSV, with BOM)
/// OUT/data/ho-so.csv, ho-so.json        one row per hồ sơ
/// OUT/data/su-kien.jsonl                the PREMIS-style event log
/// OUT/data/van-ban-mat/…, van-ban-mat.csv, van-ban-mat.json   classified documents, apart,
///                                        only with --include-classified
/// ```
///
/// Every name in the bag is made here from document ids (hex digits), never from a folder
/// name or a field. The bag is written beside OUT under a hidden temporary name and renamed
/// when whole;
/// each file copied is hashed again and must match the checksum the archive recorded.
public struct PackageRequest: Sendable {
    public var output: URL
    public var box: String?
    public var hoSo: String?
    public var includeClassified = false
    /// The handing-over agency, `Source-Organization` in `bag-info.txt`.
    public var agency: String?

    public init(output: URL, box: String? = nil, hoSo: String? = nil) {
        self.output = output
        self.box = box
        self.hoSo = hoSo
    }

    /// What the bag holds.
    public struct Summary: Sendable, Equatable {
        public var documents = 0
        public var classifiedIncluded = 0
        /// Classified documents of the selection left out (no --include-classified).
        public var classifiedLeftOut = 0
        public var hoSo = 0
        public var payloadFiles = 0
        public var payloadBytes = 0
        /// Searchable PDFs made by an older sohoa, before they were PDF/A: copied as they are.
        public var notPDFA = 0
    }

    public func run(on archive: some RecordsOffice, archiveDirectory: URL, now: Date = Date()) throws -> Summary {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path) {
            throw CommandFailure(.badUsage, "\(output.path) already exists: a package is written to a new folder", command: "package")
        }
        let contents = try archive.packageContents(box: box.map { BoxCode($0) }, hoSo: hoSo.map { HoSoCode($0) })
        guard !contents.documents.isEmpty else {
            let scope = [box.map { "box '\($0)'" }, hoSo.map { "hồ sơ '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
            throw CommandFailure(.notFound, "no stored documents" + (scope.isEmpty ? "" : " in \(scope)"), command: "package")
        }
        // A name of its own, so that nothing already there is ever removed.
        let partial = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).partial")
        do {
            var bag = try BagWriter(root: partial)
            let summary = try write(contents, into: &bag, archiveDirectory: archiveDirectory, now: now)
            try bag.finish(info: bagInfo(summary, now: now))
            try fileManager.moveItem(at: partial, to: output)
            return summary
        } catch {
            try? fileManager.removeItem(at: partial)
            if let failure = error as? CommandFailure { throw failure }
            throw CommandFailure(.unusable, "cannot write the package: \(error)", command: "package")
        }
    }

    private func write(_ contents: PackageContents, into bag: inout BagWriter, archiveDirectory: URL, now: Date) throws -> Summary {
        var summary = Summary()
        let open = contents.documents.filter { $0.stored.metadata[.secrecy] == nil }
        let classified = contents.documents.filter { $0.stored.metadata[.secrecy] != nil }
        summary.documents = open.count
        if includeClassified {
            summary.documents += classified.count
            summary.classifiedIncluded = classified.count
        } else {
            summary.classifiedLeftOut = classified.count
        }
        let hoSoByCode = Dictionary(contents.hoSo.map { (HoSoKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        var events = EventLog()
        for (documents, folder) in [(open, "van-ban"), (includeClassified ? classified : [], "van-ban-mat")] {
            var rows: [[String]] = []
            for document in documents {
                let files = try copyFiles(of: document, into: &bag, folder: "\(folder)/\(document.stored.id.rawValue)",
                                          archiveDirectory: archiveDirectory, summary: &summary)
                let hoSo = document.stored.place.flatMap { place in place.hoSo.flatMap { hoSoByCode[HoSoKey(place, $0)] } }
                rows.append(DocumentRow.values(document, hoSo: hoSo, files: files))
                events.record(document, files: files)
            }
            if !rows.isEmpty || folder == "van-ban" {
                try bag.add("\(folder).csv", CSVText.excel(header: DocumentRow.columns, rows: rows))
                try bag.add("\(folder).json", CSVText.jsonObjects(header: DocumentRow.columns, rows: rows))
            }
        }
        var hoSoRows: [[String]] = []
        let byHoSo = Dictionary(grouping: contents.documents.filter { $0.stored.place?.hoSo != nil }) { document in
            HoSoKey(document.stored.place!, document.stored.place!.hoSo!)
        }
        for record in contents.hoSo {
            let members = byHoSo[HoSoKey(record)] ?? []
            let leftOut = includeClassified ? 0 : members.filter { $0.stored.metadata[.secrecy] != nil }.count
            hoSoRows.append(HoSoRow.values(record, documents: members, classifiedLeftOut: leftOut))
        }
        summary.hoSo = hoSoRows.count
        try bag.add("ho-so.csv", CSVText.excel(header: HoSoRow.columns, rows: hoSoRows))
        try bag.add("ho-so.json", CSVText.jsonObjects(header: HoSoRow.columns, rows: hoSoRows))
        for check in contents.fixityChecks { events.recordArchiveCheck(check) }
        events.recordPacking(at: Archive.timestamp(now), summary: summary)
        try bag.add("su-kien.jsonl", Data(events.lines.joined(separator: "\n").appending("\n").utf8))
        summary.payloadFiles = bag.payloadFiles
        summary.payloadBytes = bag.payloadBytes
        return summary
    }

    /// The original and its searchable PDF, copied and checked against the archive's checksums.
    private func copyFiles(of document: PackageContents.Document, into bag: inout BagWriter, folder: String,
                           archiveDirectory: URL, summary: inout Summary) throws -> DocumentFiles {
        let stored = document.stored
        let fileExtension = URL(fileURLWithPath: stored.originalPath).pathExtension.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let original = "\(folder)/goc.\(fileExtension.isEmpty ? "bin" : fileExtension)"
        try bag.copy(archiveDirectory.appendingPathComponent(stored.originalPath), to: original, expecting: stored.sha256)
        var files = DocumentFiles(original: "data/" + original)
        if let derivative = stored.searchablePDF, let checksum = document.derivativeSHA256 {
            let path = "\(folder)/pdfa.pdf"
            let source = archiveDirectory.appendingPathComponent(derivative)
            try bag.copy(source, to: path, expecting: checksum)
            files.pdfa = "data/" + path
            files.isPDFA = try Self.declaresPDFA2b(source)
            if !files.isPDFA { summary.notPDFA += 1 }
        }
        return files
    }

    /// Whether the file's XMP names PDF/A part 2, conformance B, as sohoa's writer puts it.
    static func declaresPDFA2b(_ url: URL) throws -> Bool {
        let bytes = try Data(contentsOf: url)
        return bytes.range(of: Data("<pdfaid:part>2</pdfaid:part>".utf8)) != nil
            && bytes.range(of: Data("<pdfaid:conformance>B</pdfaid:conformance>".utf8)) != nil
    }

    private func bagInfo(_ summary: Summary, now: Date) -> [(String, String)] {
        var info: [(String, String)] = []
        if let agency { info.append(("Source-Organization", agency)) }
        info.append(("Bagging-Date", String(Archive.timestamp(now).prefix(10))))
        info.append(("Bag-Software-Agent", "sohoa"))
        var scope = "Toàn bộ kho"
        if let box { scope = "Hộp \(box)" }
        if let hoSo { scope = (box == nil ? "" : scope + ", ") + "hồ sơ \(hoSo)" }
        info.append(("External-Description", "\(scope): \(summary.documents) văn bản, \(summary.hoSo) hồ sơ"
                     + (summary.classifiedIncluded > 0 ? "; \(summary.classifiedIncluded) văn bản mật, để riêng trong van-ban-mat" : "")
                     + (summary.classifiedLeftOut > 0 ? "; \(summary.classifiedLeftOut) văn bản mật không kèm theo" : "")))
        if let box { info.append(("Bag-Group-Identifier", "Hộp \(box)")) }
        return info
    }
}

/// A hồ sơ's identity: phông, box, code.
private struct HoSoKey: Hashable {
    var fonds: String?
    var box: BoxCode?
    var code: HoSoCode

    init(_ record: HoSo) {
        fonds = record.fonds
        box = record.box
        code = record.code
    }

    init(_ place: DocumentPlace, _ code: HoSoCode) {
        fonds = place.fonds
        box = place.box
        self.code = code
    }
}

/// Where a document's files are in the bag.
private struct DocumentFiles {
    var original: String
    var pdfa: String?
    var isPDFA = false
}

/// One row of `van-ban.csv`: the columns of a document's archival description (Thông tư
/// 02/2019/TT-BNV's document fields, as the records office names them), then sohoa's own.
private enum DocumentRow {
    static let columns = [
        "Mã hồ sơ", "Số thứ tự văn bản trong hồ sơ", "Mã định danh văn bản", "Tên loại văn bản", "Số của văn bản",
        "Ký hiệu của văn bản", "Ngày, tháng, năm văn bản", "Tên cơ quan, tổ chức ban hành văn bản", "Trích yếu nội dung",
        "Ngôn ngữ", "Số lượng trang của văn bản", "Ký hiệu thông tin", "Từ khóa", "Chế độ sử dụng", "Mức độ tin cậy",
        "Bút tích", "Tình trạng vật lý", "Ghi chú",
        "Hộp số", "Phông", "Số và ký hiệu", "Người ký", "Chức vụ người ký", "Độ mật", "Độ khẩn",
        "Tệp gốc", "SHA-256 tệp gốc", "Bản PDF/A", "Tên tệp khi nhập",
    ]

    static func values(_ document: PackageContents.Document, hoSo: HoSo?, files: DocumentFiles) -> [String] {
        let stored = document.stored
        let metadata = stored.metadata
        let number = metadata[.number].map(NumberParts.init)
        let type: String
        if let form = metadata[.legalForm] {
            type = CodeNames.types[form] ?? form
        } else {
            type = metadata[.docType].flatMap { CodeNames.types[$0] } ?? ""
        }
        let secrecy = metadata[.secrecy].flatMap { CodeNames.secrecy[$0] }
        let reliability = ["ocr": "Số hóa", "text_layer": "Gốc điện tử", "mixed": "Hỗn hợp"][stored.textSource] ?? ""
        let note = stored.needsReview ? "Chưa kiểm tra: " + stored.reviewReasons.joined(separator: "; ") : ""
        let source = stored.sources.first ?? ""
        return [
            stored.place?.hoSo?.rawValue ?? "", stored.place?.ordinal.map(String.init) ?? "", stored.id.rawValue, type,
            number?.number ?? "", number?.notation ?? "", metadata[.issuedDate].map(Self.day) ?? "", metadata[.agency] ?? "",
            metadata[.subject] ?? "", hoSo?.language ?? "Tiếng Việt", String(document.pageCount), "", "",
            secrecy ?? hoSo?.accessMode ?? "", reliability, "", "", note,
            stored.place?.box?.rawValue ?? "", stored.place?.fonds ?? "", metadata[.number] ?? "", metadata[.signer] ?? "",
            metadata[.signerTitle] ?? "", secrecy ?? "", metadata[.urgency].flatMap { CodeNames.urgency[$0] } ?? "",
            files.original, stored.sha256.rawValue, files.pdfa ?? "", SourceName.display(of: source) ?? source,
        ]
    }

    /// `2019-07-12` as `12/07/2019`, the form the archival standards write.
    static func day(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }
}

/// "28/2018/QĐ-TTg" as its số ("28") and its ký hiệu ("QĐ-TTg"): the year, which the date
/// carries, is not part of the ký hiệu.
private struct NumberParts {
    var number: String
    var notation: String

    init(_ text: String) {
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts[0].allSatisfy(\.isNumber) {
            number = parts.removeFirst()
        } else {
            number = ""
        }
        if parts.count > 1, parts[0].count == 4, parts[0].allSatisfy(\.isNumber) { parts.removeFirst() }
        notation = parts.joined(separator: "/")
    }
}

/// One row of `ho-so.csv`: a hồ sơ as the mục lục describes it, with what the package counts.
private enum HoSoRow {
    static let columns = [
        "Mã hồ sơ", "Tiêu đề hồ sơ", "Thời hạn bảo quản", "Chế độ sử dụng", "Ngôn ngữ", "Thời gian bắt đầu",
        "Thời gian kết thúc", "Tổng số văn bản trong hồ sơ", "Số lượng tờ", "Số lượng trang", "Ghi chú", "Hộp số", "Phông",
    ]

    static func values(_ record: HoSo, documents: [PackageContents.Document], classifiedLeftOut: Int) -> [String] {
        let dates = documents.compactMap { $0.stored.metadata[.issuedDate] }.sorted()
        var notes = record.notes.map { [$0] } ?? []
        if classifiedLeftOut > 0 { notes.append("\(classifiedLeftOut) văn bản mật không kèm theo gói này") }
        return [
            record.code.rawValue, record.title ?? "", record.retention ?? "", record.accessMode ?? "", record.language ?? "Tiếng Việt",
            record.startDate ?? dates.first.map(DocumentRow.day) ?? "", record.endDate ?? dates.last.map(DocumentRow.day) ?? "",
            String(documents.count), record.sheets.map(String.init) ?? "", String(documents.reduce(0) { $0 + $1.pageCount }),
            notes.joined(separator: "; "), record.box?.rawValue ?? "", record.fonds ?? "",
        ]
    }
}

/// The package's event log, PREMIS-style: one JSON object per event, with PREMIS's
/// semantic units as keys (eventType from its vocabulary where it has one).
private struct EventLog {
    private(set) var lines: [String] = []

    mutating func record(_ document: PackageContents.Document, files: DocumentFiles) {
        let stored = document.stored
        let object = "văn bản \(stored.id.rawValue)"
        let source = stored.sources.first ?? ""
        add("ingestion", at: stored.ingestedAt, detail: "lưu bản gốc từ tệp \(SourceName.display(of: source) ?? source)",
            agent: "sohoa", object: object)
        add("message digest calculation", at: stored.ingestedAt, detail: "SHA-256 \(stored.sha256.rawValue) của \(files.original)",
            agent: "sohoa", object: object)
        let reading: String
        switch stored.textSource {
        case "text_layer": reading = "văn bản đọc từ lớp chữ của tệp PDF, không OCR"
        default: reading = "OCR: " + (document.ocrEngine ?? "phần mềm OCR không được ghi lại (lưu bởi phiên bản sohoa cũ)")
        }
        add("transcription", at: stored.ingestedAt, detail: reading, agent: "sohoa", object: object)
        if let pdfa = files.pdfa {
            add("creation", at: stored.ingestedAt,
                detail: files.isPDFA ? "bản PDF/A-2b hai lớp \(pdfa)" : "bản PDF hai lớp \(pdfa), không phải PDF/A (tạo bởi phiên bản sohoa cũ)",
                agent: "sohoa", object: object)
        }
        for correction in stored.corrections {
            let from = correction.machineValue ?? "(trống)", to = correction.correctedValue ?? "(trống)"
            var detail = "\(correction.field.rawValue): \(from) → \(to)"
            if let note = correction.note { detail += " (\(note))" }
            add("metadata modification", at: correction.correctedAt, detail: detail, agent: correction.correctedBy, object: object)
        }
        if let verified = document.verifiedAt {
            add("fixity check", at: verified, detail: "mọi tệp khớp SHA-256 đã ghi", agent: "sohoa verify", object: object)
        }
    }

    mutating func recordArchiveCheck(_ check: (at: String, files: Int, intact: Bool)) {
        add("fixity check", at: check.at, detail: "kiểm tra toàn kho: \(check.files) tệp", agent: "sohoa verify", object: "kho lưu trữ",
            outcome: check.intact ? "success" : "failure")
    }

    mutating func recordPacking(at time: String, summary: PackageRequest.Summary) {
        add("packing", at: time, detail: "gói BagIt 1.0: \(summary.documents) văn bản, \(summary.hoSo) hồ sơ", agent: "sohoa package",
            object: "gói bàn giao")
    }

    private mutating func add(_ type: String, at time: String, detail: String, agent: String, object: String,
                              outcome: String = "success") {
        let fields: [(String, String)] = [
            ("eventIdentifier", "sohoa-\(lines.count + 1)"), ("eventType", type), ("eventDateTime", time),
            ("eventDetailInformation", detail), ("eventOutcomeInformation", outcome), ("linkingAgentIdentifier", agent),
            ("linkingObjectIdentifier", object),
        ]
        lines.append("{" + fields.map { "\(jsonQuoted($0.0)):\(jsonQuoted($0.1))" }.joined(separator: ",") + "}")
    }
}

/// Tables as Excel opens them, and as JSON.
enum CSVText {
    /// UTF-8 with a BOM (so Excel reads Vietnamese right), CRLF, every field quoted. A cell
    /// that Excel would run as a formula (starting with = + @, or - before a letter) is
    /// kept as text by a leading apostrophe: OCR text is not trusted.
    static func excel(header: [String], rows: [[String]]) -> Data {
        var text = "\u{FEFF}"
        for row in [header] + rows {
            text += row.map { field in
                var value = field
                if let first = value.first, "=+@".contains(first) || (first == "-" && value.dropFirst().first?.isLetter == true) {
                    value = "'" + value
                }
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// The same rows as a JSON array of objects, keys in the columns' order.
    static func jsonObjects(header: [String], rows: [[String]]) -> Data {
        let objects = rows.map { row in
            "{" + zip(header, row).map { "\(jsonQuoted($0)):\(jsonQuoted($1))" }.joined(separator: ",") + "}"
        }
        return Data(("[\n" + objects.joined(separator: ",\n") + "\n]\n").utf8)
    }
}

/// Writes a bag: payload files under `data/`, hashed as they are written, then the tag
/// files that describe them.
private struct BagWriter {
    let root: URL
    private var manifest: [(path: String, sha256: String)] = []
    private(set) var payloadFiles = 0
    private(set) var payloadBytes = 0

    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    /// Copies an archived file into the payload; its copy must hash to `expecting`.
    mutating func copy(_ source: URL, to path: String, expecting: SHA256) throws {
        let target = root.appendingPathComponent("data/" + path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let copied = try Fingerprint.copy(from: source, to: target)
        guard copied == expecting else {
            throw CommandFailure(.damaged, "\(source.path) no longer matches its recorded SHA-256: run sohoa verify", command: "package")
        }
        note("data/" + path, sha256: copied, bytes: try Self.size(target))
    }

    mutating func add(_ path: String, _ data: Data) throws {
        let target = root.appendingPathComponent("data/" + path)
        try data.write(to: target)
        note("data/" + path, sha256: Fingerprint.sha256(of: data), bytes: data.count)
    }

    private mutating func note(_ path: String, sha256: SHA256, bytes: Int) {
        manifest.append((path, sha256.rawValue))
        payloadFiles += 1
        payloadBytes += bytes
    }

    /// Writes `bagit.txt`, `bag-info.txt` (with the payload's Oxum and size),
    /// `manifest-sha256.txt` and `tagmanifest-sha256.txt`.
    func finish(info: [(String, String)]) throws {
        func write(_ name: String, _ text: String) throws -> (String, String) {
            let data = Data(text.utf8)
            try data.write(to: root.appendingPathComponent(name))
            return (name, Fingerprint.sha256(of: data).rawValue)
        }
        var tags: [(String, String)] = []
        tags.append(try write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"))
        let size = ByteCountFormatter.string(fromByteCount: Int64(payloadBytes), countStyle: .decimal)
        let lines = info + [("Payload-Oxum", "\(payloadBytes).\(payloadFiles)"), ("Bag-Size", size)]
        tags.append(try write("bag-info.txt", lines.map { "\($0.0): \($0.1.replacingOccurrences(of: "\n", with: " "))\n" }.joined()))
        tags.append(try write("manifest-sha256.txt", manifest.sorted { $0.path < $1.path }.map { "\($0.sha256)  \($0.path)\n" }.joined()))
        _ = try write("tagmanifest-sha256.txt", tags.sorted { $0.0 < $1.0 }.map { "\($0.1)  \($0.0)\n" }.joined())
    }

    private static func size(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}

extension PackageRequest.Summary {
    public func text(output: String) -> String {
        var lines = ["Package \(output.printable): \(documents) documents in \(hoSo) hồ sơ, \(payloadFiles) files, \(payloadBytes) bytes"]
        if classifiedIncluded > 0 { lines.append("  \(classifiedIncluded) classified documents included, apart in data/van-ban-mat") }
        if classifiedLeftOut > 0 { lines.append("  \(classifiedLeftOut) classified documents left out (--include-classified adds them)") }
        if notPDFA > 0 { lines.append("  \(notPDFA) searchable PDFs made by an older sohoa are not PDF/A; copied as they are") }
        return lines.joined(separator: "\n")
    }

    public func jsonLine(output: String) -> String {
        jsonText([
            "output": output, "documents": documents, "ho_so": hoSo, "classified_included": classifiedIncluded,
            "classified_left_out": classifiedLeftOut, "payload_files": payloadFiles, "payload_bytes": payloadBytes, "not_pdfa": notPDFA,
        ])
    }
}
