import ArchiveStore
import DocumentModel
import Foundation
import PDFRendering
import VietnameseText

/// `sohoa boxes`: each box of the storage room, whether every page in it is accounted for,
/// and whether it may leave (``BoxReport/obstacles(fixityMaxAgeDays:now:)``).
public struct BoxesRequest: Sendable {
    /// One box by its code; nil for all.
    public var box: String?
    /// The phông, when two phông have a box of the same code.
    public var fonds: String?
    public var fixityMaxAgeDays: Int

    public init(box: String?, fonds: String?, fixityMaxAgeDays: Int) {
        self.box = box
        self.fonds = fonds
        self.fixityMaxAgeDays = fixityMaxAgeDays
    }

    /// The boxes asked for. A box that is not there is ``CommandFailure/Kind/notFound``;
    /// a code two phông share, without `fonds`, is bad usage.
    public func run(on archive: some RecordsOffice) throws -> [BoxReport] {
        let all = try archive.boxReports()
        guard let box else { return all }
        let matching = all.filter { $0.box.rawValue == box && (fonds == nil || $0.fonds == fonds) }
        guard !matching.isEmpty else {
            let known = all.map(\.box.rawValue).joined(separator: ", ")
            throw CommandFailure(.notFound, "no box '\(box)' in the archive" + (all.isEmpty
                ? " (no input has a box: set hierarchy.pattern in pipeline.yaml and ingest again)" : " (boxes: \(known))"))
        }
        guard matching.count == 1 else {
            throw CommandFailure(.badUsage, "box '\(box)' is in more than one phông (\(matching.compactMap(\.fonds).joined(separator: ", "))): give --fonds")
        }
        return matching
    }
}

/// `sohoa boxes --explain`: a records officer's word on a failed input, after which its box
/// counts it as explained.
public struct ExplanationRequest: Sendable {
    public var source: String
    public var batchRoot: String?
    public var explanation: String
    public var person: String

    public init(source: String, batchRoot: String?, explanation: String, person: String) {
        self.source = source
        self.batchRoot = batchRoot
        self.explanation = explanation
        self.person = person
    }

    /// The box the input is in. An empty explanation or name is bad usage; a name that is
    /// no failed input of a box is not found.
    public func run(on archive: some RecordsOffice) throws -> BoxCode {
        guard !explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
              !person.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandFailure(.badUsage, "an explanation needs --reason and --by", command: "boxes")
        }
        do {
            return try archive.explainFailure(source: source, batchRoot: batchRoot, explanation: explanation, by: person)
        } catch let error as RecordsOfficeError {
            switch error {
            case .noFailedInput: throw CommandFailure(.notFound, error.description, command: "boxes")
            case .ambiguous: throw CommandFailure(.badUsage, error.description, command: "boxes")
            }
        }
    }
}

extension BoxReport {
    /// `sohoa boxes` for a person.
    public func text(fixityMaxAgeDays: Int, now: Date = Date()) -> String {
        let obstacles = obstacles(fixityMaxAgeDays: fixityMaxAgeDays, now: now)
        var heading = "Box \(box.rawValue.printable)"
        if let title { heading += " — \(title.printable)" }
        if let fonds { heading += " (phông \(fonds.printable))" }
        var lines = [heading]
        lines.append("  inputs       \(inputsFound) found: \(stored) stored, \(duplicates.counted("duplicate", "duplicates")), \(failed) failed, \(unfinished) unfinished")
        lines.append("  documents    \(documents) with \(pages.counted("page", "pages")) (\(blankPages) blank), in \(hoSo.count) hồ sơ")
        for line in hoSo {
            var text = "    \(line.code.rawValue.printable)"
            if let title = line.title { text += " \(title.printable)" }
            text += line.onlyInCatalog ? ": in the catalogue, no scans found" : ": \(line.documents.counted("document", "documents")), \(line.pages.counted("page", "pages"))"
            lines.append(text)
        }
        lines.append("  review       \(documentsUnderReview.counted("document", "documents")), \(fieldsUnderReview.counted("field", "fields")) still to check")
        lines.append("  fixity       " + fixityText(english: true))
        lines.append("  classified   " + classifiedText(english: true))
        lines.append("  verdict      " + (obstacles.isEmpty
            ? "may leave the storage room"
            : "stays in the storage room: " + obstacles.map { $0.text(english: true) }.joined(separator: "; ")))
        if !failures.isEmpty {
            lines.append("  failed inputs:")
            lines += failures.map { failure in
                "    \(failure.source.printableSource): \(failure.reason.printable)"
                    + (failure.explanation.map { " — explained by \((failure.explainedBy ?? "").printable): \($0.printable)" } ?? "")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `sohoa boxes --json`: one object per box.
    public func jsonLine(fixityMaxAgeDays: Int, now: Date = Date()) -> String {
        let obstacles = obstacles(fixityMaxAgeDays: fixityMaxAgeDays, now: now)
        var object: [String: Any] = [
            "box": box.rawValue, "inputs_found": inputsFound, "stored": stored, "duplicates": duplicates, "failed": failed,
            "unfinished": unfinished, "documents": documents, "pages": pages, "blank_pages": blankPages,
            "documents_under_review": documentsUnderReview, "fields_under_review": fieldsUnderReview,
            "never_verified": neverVerified,
            "classified": Dictionary(uniqueKeysWithValues: classified.map { ($0.key.rawValue, $0.value) }),
            "may_leave": obstacles.isEmpty, "obstacles": obstacles.map { $0.text(english: true) },
            "failures": failures.map { failure -> [String: Any] in
                ["source": failure.source, "error": failure.reason, "explanation": failure.explanation ?? NSNull(),
                 "explained_by": failure.explainedBy ?? NSNull()]
            },
            "ho_so": hoSo.map { line -> [String: Any] in
                ["file_code": line.code.rawValue, "title": line.title ?? NSNull(), "retention": line.retention ?? NSNull(),
                 "documents": line.documents, "pages": line.pages, "only_in_catalog": line.onlyInCatalog]
            },
        ]
        object["fonds"] = fonds
        object["title"] = title
        object["last_verified"] = oldestVerification.map { Archive.timestamp($0) }
        return jsonText(object)
    }

    /// When the box was last found intact, in English or in Vietnamese.
    public func fixityText(english: Bool) -> String {
        if documents == 0 { return english ? "no documents" : "không có văn bản" }
        if neverVerified > 0 {
            return english ? "\(neverVerified) of \(documents.counted("document", "documents")) never verified (run sohoa verify)"
                : "\(neverVerified)/\(documents) văn bản chưa được kiểm tra"
        }
        guard let oldest = oldestVerification else { return "" }
        return english ? "every document verified, the oldest check \(Self.day(oldest))"
            : "mọi văn bản đã kiểm tra, lần kiểm tra cũ nhất ngày \(Self.vietnameseDay(oldest))"
    }

    /// Its classified documents per level.
    public func classifiedText(english: Bool) -> String {
        let levels: [(Secrecy, String)] = [(.mat, "Mật"), (.toiMat, "Tối mật"), (.tuyetMat, "Tuyệt mật")]
        let counts = levels.compactMap { level, name in classified[level].map { "\(name): \($0)" } }
        if counts.isEmpty { return english ? "none" : "không có" }
        return counts.joined(separator: ", ")
    }

    fileprivate static func day(_ date: Date) -> String {
        String(Archive.timestamp(date).prefix(10))
    }

    fileprivate static func vietnameseDay(_ date: Date) -> String {
        let iso = day(date).split(separator: "-")
        return "\(iso[2])/\(iso[1])/\(iso[0])"
    }
}

extension BoxObstacle {
    /// Why a box stays, in English for the command line or in Vietnamese for the printed page.
    public func text(english: Bool) -> String {
        switch self {
        case .empty:
            return english ? "no input was found in it" : "không tìm thấy tài liệu nào trong hộp"
        case .failedInputs(let n):
            return english ? "\(n.counted("input", "inputs")) failed, not explained (sohoa boxes --explain)"
                : "\(n) tệp không xử lý được, chưa có giải trình"
        case .unfinishedInputs(let n):
            return english ? "\(n.counted("input", "inputs")) unfinished (run the same ingest again)" : "\(n) tệp chưa xử lý xong"
        case .hoSoWithoutScans(let n):
            return english ? "\(n.counted("hồ sơ", "hồ sơ")) in the catalogue but not scanned" : "\(n) hồ sơ có trong mục lục nhưng không có bản quét"
        case .underReview(let documents, let fields):
            return english ? "\(documents.counted("document", "documents")) still under review (\(fields.counted("field", "fields")))"
                : "\(documents) văn bản còn chờ kiểm tra (\(fields) trường)"
        case .neverVerified(let n):
            return english ? "\(n.counted("document", "documents")) never verified (run sohoa verify)" : "\(n) văn bản chưa được kiểm tra toàn vẹn"
        case .fixityTooOld(let since, let days):
            return english ? "fixity last verified \(BoxReport.day(since)), over \(days) days ago (run sohoa verify)"
                : "lần kiểm tra toàn vẹn cuối ngày \(BoxReport.vietnameseDay(since)), quá \(days) ngày"
        }
    }
}

extension Int {
    /// "1 document", "2 documents".
    fileprivate func counted(_ one: String, _ many: String) -> String {
        "\(self) \(self == 1 ? one : many)"
    }
}

/// The printable box report and its handover record (biên bản bàn giao), in Vietnamese:
/// the same blocks written as an HTML page (printed from a browser) or as a PDF.
public struct BoxSheet: Sendable {
    enum Block: Sendable {
        case motto
        case title(String)
        case centred(String)
        case heading(String)
        case rows([(String, String)])
        case table([String], widths: [Double], [[String]])
        case paragraph(String)
        case verdict(mayLeave: Bool, String, [String])
        case signatures([String])
        case pageBreak
    }

    let blocks: [Block]
    let pageTitle: String

    public init(_ report: BoxReport, fixityMaxAgeDays: Int, agency: String? = nil, now: Date = Date()) {
        let obstacles = report.obstacles(fixityMaxAgeDays: fixityMaxAgeDays, now: now)
        let boxName = "Hộp \(report.box.rawValue)" + (report.title.map { " — \($0)" } ?? "")
        pageTitle = "Báo cáo \(boxName)"
        var blocks: [Block] = [.title("BÁO CÁO HỘP \(report.box.rawValue)")]
        if let title = report.title { blocks.append(.centred(title)) }
        var identity: [(String, String)] = []
        if let fonds = report.fonds { identity.append(("Phông", fonds)) }
        identity.append(("Lập lúc", BoxReport.vietnameseDay(now) + " " + Self.clock(now)))
        blocks.append(.rows(identity))
        blocks.append(.heading("Tài liệu đầu vào"))
        blocks.append(.rows([
            ("Tệp tìm thấy", "\(report.inputsFound)"), ("Đã lưu", "\(report.stored)"), ("Trùng lặp", "\(report.duplicates)"),
            ("Lỗi", "\(report.failed)"), ("Chưa xử lý xong", "\(report.unfinished)"),
        ]))
        blocks.append(.heading("Văn bản và trang"))
        blocks.append(.rows([
            ("Số văn bản", "\(report.documents)"), ("Số trang", "\(report.pages)"), ("Trang trắng", "\(report.blankPages)"),
            ("Còn chờ kiểm tra", "\(report.documentsUnderReview) văn bản, \(report.fieldsUnderReview) trường"),
            ("Kiểm tra toàn vẹn", report.fixityText(english: false)),
            ("Tài liệu mật", report.classifiedText(english: false)),
        ]))
        let hoSoRows = report.hoSo.map { line in
            [line.code.rawValue, line.title ?? "", line.retention ?? "",
             line.onlyInCatalog ? "không có bản quét" : "\(line.documents)", line.onlyInCatalog ? "" : "\(line.pages)"]
        }
        if !hoSoRows.isEmpty {
            blocks.append(.heading("Hồ sơ trong hộp"))
            blocks.append(.table(["Mã hồ sơ", "Tiêu đề hồ sơ", "Thời hạn bảo quản", "Văn bản", "Trang"],
                                 widths: [0.16, 0.44, 0.18, 0.12, 0.10], hoSoRows))
        }
        if !report.failures.isEmpty {
            blocks.append(.heading("Tệp không xử lý được"))
            blocks.append(.table(["Tệp", "Lý do", "Giải trình"], widths: [0.35, 0.3, 0.35],
                                 report.failures.map { failure in
                                     [SourceName.readable(failure.source), failure.reason,
                                      failure.explanation.map { "\($0) (\(failure.explainedBy ?? ""))" } ?? "chưa có"]
                                 }))
        }
        blocks.append(obstacles.isEmpty
            ? .verdict(mayLeave: true, "KẾT LUẬN: Hộp này được phép rời kho lưu trữ.", [])
            : .verdict(mayLeave: false, "KẾT LUẬN: Hộp này chưa được rời kho lưu trữ:", obstacles.map { $0.text(english: false) }))

        // The handover record: what is handed over, and by whom to whom.
        blocks.append(.pageBreak)
        blocks.append(.motto)
        blocks.append(.title("BIÊN BẢN BÀN GIAO TÀI LIỆU LƯU TRỮ ĐÃ SỐ HÓA"))
        blocks.append(.centred("\(boxName)"))
        blocks.append(.paragraph("Hôm nay, ngày ..... tháng ..... năm ........, tại " + (agency ?? "................................................") + ", chúng tôi gồm:"))
        blocks.append(.paragraph("BÊN GIAO: ................................................................ Chức vụ: ............................"))
        blocks.append(.paragraph("BÊN NHẬN: ................................................................ Chức vụ: ............................"))
        var handed = "Đã tiến hành giao nhận \(boxName)"
        if let fonds = report.fonds { handed += " thuộc phông \(fonds)" }
        handed += ", gồm \(report.hoSo.filter { !$0.onlyInCatalog }.count) hồ sơ, \(report.documents) văn bản, \(report.pages) trang. "
        handed += "Bản gốc của từng văn bản được lưu nguyên vẹn kèm mã kiểm tra SHA-256; " + report.fixityText(english: false) + "."
        blocks.append(.paragraph(handed))
        if !hoSoRows.isEmpty {
            blocks.append(.table(["Mã hồ sơ", "Tiêu đề hồ sơ", "Thời hạn bảo quản", "Văn bản", "Trang"],
                                 widths: [0.16, 0.44, 0.18, 0.12, 0.10], hoSoRows))
        }
        if !obstacles.isEmpty {
            blocks.append(.verdict(mayLeave: false, "Lưu ý: hộp chưa đủ điều kiện bàn giao:", obstacles.map { $0.text(english: false) }))
        }
        blocks.append(.paragraph("Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản."))
        blocks.append(.signatures(["ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN"]))
        self.blocks = blocks
    }

    private static func clock(_ date: Date) -> String {
        String(Archive.timestamp(date).dropFirst(11).prefix(5)) + " UTC"
    }

    // MARK: HTML

    /// A page of its own (its style inside it), to print from a browser: every text
    /// escaped, since codes and titles come from folder names and catalogues.
    public var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><title>\(htmlEscaped(pageTitle))</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; max-width: 48em; margin: 2em auto; color: #000; }
            h1 { font-size: 15pt; text-align: center; margin: 0.6em 0 0.2em; }
            h2 { font-size: 12pt; margin: 1.2em 0 0.4em; border-bottom: 1px solid #999; }
            .centred { text-align: center; margin: 0.2em 0 0.8em; }
            .motto { text-align: center; font-weight: bold; }
            table { border-collapse: collapse; width: 100%; }
            td, th { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
            table.rows td { border: none; padding: 0.1em 0.4em; }
            table.rows td:first-child { width: 14em; color: #333; }
            .verdict { margin: 1.2em 0; padding: 0.6em; border: 2px solid #000; font-weight: bold; }
            .verdict.stays { border-style: dashed; }
            .signatures { display: flex; justify-content: space-around; margin-top: 2em; text-align: center; }
            .signatures div { width: 40%; min-height: 8em; }
            .page-break { break-after: page; page-break-after: always; }
            @media print { body { margin: 0; max-width: none; } }
            </style></head><body>

            """
        for block in blocks {
            switch block {
            case .motto:
                out += "<p class=\"motto\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p>\n"
            case .title(let text):
                out += "<h1>\(htmlEscaped(text))</h1>\n"
            case .centred(let text):
                out += "<p class=\"centred\">\(htmlEscaped(text))</p>\n"
            case .heading(let text):
                out += "<h2>\(htmlEscaped(text))</h2>\n"
            case .rows(let rows):
                out += "<table class=\"rows\">" + rows.map { "<tr><td>\(htmlEscaped($0.0))</td><td>\(htmlEscaped($0.1))</td></tr>" }.joined() + "</table>\n"
            case .table(let header, _, let rows):
                out += "<table><tr>" + header.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>"
                out += rows.map { "<tr>" + $0.map { "<td>\(htmlEscaped($0))</td>" }.joined() + "</tr>" }.joined() + "</table>\n"
            case .paragraph(let text):
                out += "<p>\(htmlEscaped(text))</p>\n"
            case .verdict(let mayLeave, let text, let reasons):
                out += "<div class=\"verdict\(mayLeave ? "" : " stays")\">\(htmlEscaped(text))"
                if !reasons.isEmpty { out += "<ul>" + reasons.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul>" }
                out += "</div>\n"
            case .signatures(let roles):
                out += "<div class=\"signatures\">" + roles.map { "<div><b>\(htmlEscaped($0))</b><br>(Ký, ghi rõ họ tên)</div>" }.joined() + "</div>\n"
            case .pageBreak:
                out += "<div class=\"page-break\"></div>\n"
            }
        }
        return out + "</body></html>\n"
    }

    // MARK: PDF

    /// Writes the sheet as an A4 PDF with real text (DejaVu Sans, which has every
    /// Vietnamese letter), written as `.partial` and renamed when whole.
    public func writePDF(to url: URL) throws {
        let partial = url.appendingPathExtension("partial")
        try Canvas.drawPDF(at: partial, width: Self.pageWidth, height: Self.pageHeight) { canvas in
            var pen = Pen(canvas: canvas)
            for block in blocks { pen.draw(block) }
            canvas.showPage()
        }
        guard rename(partial.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial.path)
            throw CommandFailure(.unusable, "cannot write \(url.path): \(reason)", command: "boxes")
        }
    }

    static let pageWidth = 595.0
    static let pageHeight = 842.0

    /// Lays blocks down a page, top to bottom, starting a new page when one is full.
    private struct Pen {
        let canvas: Canvas
        let margin = 56.0
        var y = 56.0
        var width: Double { BoxSheet.pageWidth - 2 * margin }

        init(canvas: Canvas) {
            self.canvas = canvas
        }

        mutating func draw(_ block: Block) {
            switch block {
            case .motto:
                centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 11, bold: true)
                centred("Độc lập - Tự do - Hạnh phúc", size: 11, bold: true)
                y += 10
            case .title(let text):
                y += 6
                for line in wrap(text, size: 14, bold: true, width: width) { centred(line, size: 14, bold: true) }
            case .centred(let text):
                for line in wrap(text, size: 11, bold: false, width: width) { centred(line, size: 11, bold: false) }
                y += 6
            case .heading(let text):
                y += 8
                write(text, x: margin, size: 12, bold: true)
                canvas.setLineWidth(0.5)
                canvas.move(toX: margin, y: y - 9)
                canvas.line(toX: margin + width, y: y - 9)
                canvas.stroke()
            case .rows(let rows):
                for (key, value) in rows {
                    let lines = wrap(value, size: 10, bold: false, width: width - 150)
                    room(for: Double(lines.count) * 14)
                    write(key, x: margin, size: 10, bold: false, advance: false)
                    for line in lines { write(line, x: margin + 150, size: 10, bold: false) }
                }
            case .table(let header, let widths, let rows):
                row(header, widths: widths, bold: true)
                for cells in rows { row(cells, widths: widths, bold: false) }
                y += 4
            case .paragraph(let text):
                y += 4
                for line in wrap(text, size: 10.5, bold: false, width: width) { write(line, x: margin, size: 10.5, bold: false) }
            case .verdict(_, let text, let reasons):
                y += 10
                for line in wrap(text, size: 11, bold: true, width: width) { write(line, x: margin, size: 11, bold: true) }
                for reason in reasons {
                    for line in wrap("– " + reason, size: 10.5, bold: false, width: width - 12) {
                        write(line, x: margin + 12, size: 10.5, bold: false)
                    }
                }
            case .signatures(let roles):
                room(for: 120)
                y += 24
                let column = width / Double(roles.count)
                for (index, role) in roles.enumerated() {
                    let centre = margin + column * (Double(index) + 0.5)
                    text(role, centre: centre, y: y, size: 10.5, bold: true)
                    text("(Ký, ghi rõ họ tên)", centre: centre, y: y + 14, size: 9.5, bold: false)
                }
                y += 100
            case .pageBreak:
                canvas.showPage()
                y = margin
            }
        }

        private mutating func row(_ cells: [String], widths: [Double], bold: Bool) {
            let wrapped = zip(cells, widths).map { wrap($0, size: 9.5, bold: bold, width: $1 * width - 6) }
            let height = Double(wrapped.map(\.count).max() ?? 1) * 12 + 4
            room(for: height)
            var x = margin
            canvas.setLineWidth(0.4)
            for (lines, share) in zip(wrapped, widths) {
                canvas.rectangle(x: x, y: y, width: share * width, height: height)
                canvas.stroke()
                for (index, line) in lines.enumerated() {
                    font(size: 9.5, bold: bold)
                    canvas.move(toX: x + 3, y: y + 11 + Double(index) * 12)
                    canvas.showText(line)
                }
                x += share * width
            }
            y += height
        }

        private mutating func room(for height: Double) {
            if y + height > BoxSheet.pageHeight - margin {
                canvas.showPage()
                y = margin
            }
        }

        private mutating func write(_ text: String, x: Double, size: Double, bold: Bool, advance: Bool = true) {
            room(for: size + 4)
            font(size: size, bold: bold)
            canvas.move(toX: x, y: y + size)
            canvas.showText(text)
            if advance { y += size + 4 }
        }

        private mutating func centred(_ line: String, size: Double, bold: Bool) {
            room(for: size + 4)
            text(line, centre: BoxSheet.pageWidth / 2, y: y, size: size, bold: bold)
            y += size + 5
        }

        private func text(_ line: String, centre: Double, y: Double, size: Double, bold: Bool) {
            font(size: size, bold: bold)
            canvas.move(toX: centre - canvas.textAdvance(line) / 2, y: y + size)
            canvas.showText(line)
        }

        private func font(size: Double, bold: Bool) {
            canvas.selectFont(family: "DejaVu Sans", size: size, bold: bold)
        }

        /// `text` in lines no wider than `width`, broken between words (a word wider than
        /// the line is broken where it must).
        private func wrap(_ text: String, size: Double, bold: Bool, width: Double) -> [String] {
            font(size: size, bold: bold)
            var lines: [String] = []
            var line = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let candidate = line.isEmpty ? word : line + " " + word
                if canvas.textAdvance(candidate) <= width || line.isEmpty && canvas.textAdvance(word) <= width {
                    line = candidate
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                line = ""
                var rest = word[...]
                while canvas.textAdvance(String(rest)) > width, rest.count > 1 {
                    var cut = rest.count - 1
                    while cut > 1, canvas.textAdvance(String(rest.prefix(cut))) > width { cut -= 1 }
                    lines.append(String(rest.prefix(cut)))
                    rest = rest.dropFirst(cut)
                }
                line = String(rest)
            }
            if !line.isEmpty || lines.isEmpty { lines.append(line) }
            return lines
        }
    }
}
