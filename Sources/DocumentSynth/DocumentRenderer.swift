import Foundation
import OCRStage
import PDFRendering

/// Draws a ``SyntheticDocument`` the way Nghị định 30 (Phụ lục I) lays a page out: agency
/// top left with "Số: …" under it, the national motto and the dated place line top right,
/// the type name and trích yếu centred, the body, the signature block bottom right and
/// "Nơi nhận:" bottom left. One drawing routine serves every output, so a vector PDF, a
/// scan and an image of the same document carry the same text in the same place.
///
/// This module knows where things go on a Vietnamese administrative page; how ink is put
/// down is `PDFRendering`'s ``Canvas``, which wraps cairo, and ``RasterSurface``, which
/// turns a drawn page into a ``PageImage``. The layout stays here, with the documents it
/// lays out, and no C type reaches it.
public enum DocumentRenderer {
    static let pageWidth = 595.28, pageHeight = 841.89

    /// A vector PDF with a real text layer, as a word processor would export it.
    public static func writePDF(_ document: SyntheticDocument, to url: URL) throws {
        try Canvas.drawPDF(at: url, width: pageWidth, height: pageHeight) { canvas in drawTypedPages(document, on: canvas) }
    }

    /// Each page as an 8-bit grey image at `dpi`, as a scanner would deliver it.
    public static func pageImages(_ document: SyntheticDocument, dpi: Int) throws -> [PageImage] {
        try (0..<document.pageCount).map { page in
            try scan(document, page: page, dpi: dpi).greyImage(resolution: dpi)
        }
    }

    /// Each page as a colour scan at `dpi`, stamped the way archive paper is: the round red
    /// seal over the signature (last page) and a red "ĐẾN" receipt stamp across the text
    /// of page 1. The truth (``SyntheticDocument/pageTexts``) is the text under the stamps.
    public static func stampedPageImages(_ document: SyntheticDocument, dpi: Int) throws -> [PageImage] {
        try (0..<document.pageCount).map { page in
            try scan(document, page: page, dpi: dpi, stamped: true).colourImage(resolution: dpi)
        }
    }

    /// An image-only PDF (no text layer), the way scanning software writes one; `stamped`
    /// scans it in colour with the red stamps of ``stampedPageImages(_:dpi:)``.
    public static func writeScannedPDF(_ document: SyntheticDocument, to url: URL, dpi: Int, stamped: Bool = false) throws {
        try writeScannedPDF([document], to: url, dpi: dpi, stamped: stamped)
    }

    /// Several documents scanned one after the other into one image-only PDF, as a box of
    /// paper often arrives. Pages are drawn one at a time, so memory stays flat.
    public static func writeScannedPDF(_ documents: [SyntheticDocument], to url: URL, dpi: Int, stamped: Bool = false) throws {
        try Canvas.drawPDF(at: url, width: pageWidth, height: pageHeight) { canvas in
            for document in documents {
                try drawScannedPages(document, on: canvas, dpi: dpi, stamped: stamped)
            }
        }
    }

    /// A PDF whose first document is typed (a text layer) and whose second is scanned, as
    /// a word-processed letter and a scanned appendix are often filed together.
    public static func writeTypedThenScannedPDF(_ typed: SyntheticDocument, _ scanned: SyntheticDocument, to url: URL,
                                                dpi: Int) throws {
        try Canvas.drawPDF(at: url, width: pageWidth, height: pageHeight) { canvas in
            drawTypedPages(typed, on: canvas)
            try drawScannedPages(scanned, on: canvas, dpi: dpi, stamped: false)
        }
    }

    private static func drawTypedPages(_ document: SyntheticDocument, on canvas: Canvas) {
        for page in 0..<document.pageCount {
            PageLayout(canvas: canvas, document: document).draw(document, page: page)
            canvas.showPage()
        }
    }

    private static func drawScannedPages(_ document: SyntheticDocument, on canvas: Canvas, dpi: Int, stamped: Bool) throws {
        for page in 0..<document.pageCount {
            canvas.draw(try scan(document, page: page, dpi: dpi, stamped: stamped), scale: 72 / Double(dpi))
            canvas.showPage()
        }
    }

    /// One page drawn at `dpi` on white paper: what a scanner sees.
    private static func scan(_ document: SyntheticDocument, page: Int, dpi: Int, stamped: Bool = false) throws -> RasterSurface {
        try paper(dpi: dpi) { canvas in
            PageLayout(canvas: canvas, document: document).draw(document, page: page, stamped: stamped, scanned: true)
        }
    }

    /// A white A4 sheet at `dpi`, drawn on in points by `body`.
    private static func paper(dpi: Int, _ body: (Canvas) -> Void) throws -> RasterSurface {
        let scale = Double(dpi) / 72
        let raster = try RasterSurface(width: Int((pageWidth * scale).rounded()), height: Int((pageHeight * scale).rounded()),
                                       format: .rgb24)
        raster.draw { canvas in
            canvas.setColour(red: 1, green: 1, blue: 1)
            canvas.paint()
            canvas.scale(by: scale)
            body(canvas)
        }
        return raster
    }
}

extension DocumentRenderer {
    /// The text of one page as a reader meets it on the paper: printed lines top to bottom,
    /// pieces that share a baseline (agency and motto, place and number) left to right on
    /// one line, stamps left out. OCR error rates are measured against this, so that the
    /// two-column header does not count as errors of order.
    public static func readingText(_ document: SyntheticDocument, page: Int) -> String {
        // The layout measures text as it places it, so it draws on a one-pixel raster.
        guard let raster = try? RasterSurface(width: 1, height: 1, format: .rgb24) else { return "" }
        let recorder = TextRecorder()
        raster.draw { canvas in PageLayout(canvas: canvas, recorder: recorder, document: document).draw(document, page: page) }
        var rows: [(y: Double, pieces: [(x: Double, text: String)])] = []
        for run in recorder.runs.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }) {
            if let last = rows.indices.last, abs(rows[last].y - run.y) < 4 {
                rows[last].pieces.append((run.x, run.text))
            } else {
                rows.append((run.y, [(run.x, run.text)]))
            }
        }
        return rows.map { $0.pieces.sorted { $0.x < $1.x }.map(\.text).joined(separator: " ") }.joined(separator: "\n")
    }
}

extension DocumentRenderer {
    /// Whether every page's text ends above the bottom margin: the truth may only name what
    /// is on the paper (a long header and a copy's block can push the signature off it).
    static func fitsItsPages(_ document: SyntheticDocument) -> Bool {
        guard let raster = try? RasterSurface(width: 1, height: 1, format: .rgb24) else { return true }
        return (0..<document.pageCount).allSatisfy { page in
            let recorder = TextRecorder()
            raster.draw { canvas in PageLayout(canvas: canvas, recorder: recorder, document: document).draw(document, page: page) }
            return recorder.runs.allSatisfy { $0.y < pageHeight - 30 }
        }
    }
}

/// Text runs as drawn, for ``DocumentRenderer/readingText(_:page:)``.
private final class TextRecorder {
    var runs: [(x: Double, y: Double, text: String)] = []
}

/// Lays out one page in points on any canvas, in the document's ``PageStyle``.
private struct PageLayout {
    let canvas: Canvas
    var recorder: TextRecorder? = nil
    let style: PageStyle
    /// The centre of the agency's column. The header is a two-cell table: the agency's
    /// lines never run into the motto's cell, so a wide name moves its column left.
    private(set) var leftColumn: Double

    init(canvas: Canvas, recorder: TextRecorder? = nil, document: SyntheticDocument) {
        self.canvas = canvas
        self.recorder = recorder
        style = document.style
        leftColumn = style.leftColumn
        guard style.paperLike else { return }
        let motto = width(of: PageLayout.motto, size: 11, style: .bold)
        let agency = ([document.parentLine].compactMap { $0 } + document.agencyLines)
            .map { width(of: $0, size: 12, style: .bold) }.max() ?? 0
        leftColumn = max(style.left + agency / 2 - 30, min(style.leftColumn, style.rightColumn - motto / 2 - 10 - agency / 2))
    }

    static let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

    var left: Double { style.left }
    var right: Double { DocumentRenderer.pageWidth - style.right }
    var rightColumn: Double { style.rightColumn }
    var size: Double { style.bodySize }

    enum Style { case regular, bold, italic, boldItalic }

    func draw(_ document: SyntheticDocument, page: Int, stamped: Bool = false, scanned: Bool = false) {
        canvas.setColour(red: 0, green: 0, blue: 0)
        let chunks = document.paragraphsByPage
        var y = style.top
        if page == 0 {
            y = header(document, top: y, scanned: scanned)
            if stamped { receiptStamp(top: y - 4) }
        } else {
            text(style.pageNumber.printed(page + 1), centredAt: DocumentRenderer.pageWidth / 2, y: 35, size: 11)
        }
        for paragraph in chunks[page] {
            y = wrapped(paragraph, top: y, size: size, indent: 28) + 4
        }
        if page == document.pageCount - 1 {
            let nameY = signature(document, top: y + 14)
            if stamped {
                seal(document, centreX: rightColumn - 25, centreY: y + 14 + 30, ink: .red)
            } else if scanned {
                if style.paperLike { signatureStroke(document, centreX: rightColumn + 20, centreY: nameY - 30) }
                if let ink = style.seal {
                    // Nghị định 30: the seal covers about a third of the signature, on its left,
                    // so its rings cross the position line and the name.
                    seal(document, centreX: rightColumn + 20 + style.sealOffset, centreY: nameY - 35, ink: ink)
                }
            }
            if let copy = document.copy {
                copyBlock(copy, top: max(max(y + 14 + 120, nameY + 30), DocumentRenderer.pageHeight - 200))
            }
        }
    }

    /// A secrecy or urgency stamp: bold red capitals in a red box (ô 10a, 10b).
    private func boxedStamp(_ word: String, centredAt x: Double, y: Double) {
        canvas.withSavedState {
            red()
            let stampSize = style.stampSize
            let width = width(of: word, size: stampSize, style: .bold) + 12
            canvas.setLineWidth(1.2)
            canvas.rectangle(x: x - width / 2, y: y - stampSize - 1, width: width, height: stampSize + 6)
            canvas.stroke()
            text(word, centredAt: x, y: y, size: stampSize, style: .bold)
        }
    }

    /// The copy's block below the original, across a full-width rule: the copying agency
    /// and the copy's number left, the copy form and its date right, then its signer.
    private func copyBlock(_ copy: CopyBlock, top: Double) {
        canvas.setLineWidth(0.8)
        canvas.move(toX: left, y: top)
        canvas.line(toX: right, y: top)
        canvas.stroke()
        var leftY = top + 18
        for line in copy.agencyLines {
            text(line, centredAt: leftColumn, y: leftY, size: 12, style: .bold)
            leftY += 15
        }
        // As in the header: the number and the date share one line, below the agency.
        leftY = max(leftY + 4, top + 40)
        text("Số: \(copy.number)", centredAt: leftColumn, y: leftY, size: 12)
        text(copy.form.printed.name, centredAt: rightColumn, y: top + 18, size: 13, style: .bold)
        text(copy.dateLine, centredAt: rightColumn, y: leftY, size: 12, style: .italic)
        var y = leftY + 22
        for line in [copy.authority, copy.signerTitle].compactMap({ $0 }) {
            text(line, centredAt: rightColumn + 20, y: y, size: 12, style: .bold)
            y += 15
        }
        text(copy.signer, centredAt: rightColumn + 20, y: y + 30, size: 12, style: .bold)
    }

    // MARK: Stamps, in translucent red ink over the print

    private func red() {
        canvas.setColour(red: 0.86, green: 0.12, blue: 0.14, alpha: 0.8)
    }

    /// The agency's round seal: two rings, its name around the edge, a star in the middle.
    private func seal(_ document: SyntheticDocument, centreX: Double, centreY: Double, ink: PageStyle.SealInk) {
        let radius = 48.0
        canvas.withSavedState {
            // Pressed on paper, a seal darkens the print it crosses.
            if style.paperLike { canvas.multiplyInk() }
            switch ink {
            case .red: red()
            // As dark as a red seal scanned in grey: about 100 of 255.
            case .grey: canvas.setColour(red: 0.3, green: 0.3, blue: 0.32, alpha: 0.85)
            }
            canvas.setLineWidth(2.2)
            canvas.circle(centreX: centreX, centreY: centreY, radius: radius)
            canvas.stroke()
            canvas.setLineWidth(1)
            canvas.circle(centreX: centreX, centreY: centreY, radius: radius - 15)
            canvas.stroke()
            let name = Array((document.agencyLines.last ?? "ỦY BAN NHÂN DÂN") + " * ")
            select(size: 8.5, style: .bold)
            for (index, character) in name.enumerated() {
                let angle = -Double.pi + Double(index) * 2 * .pi / Double(name.count)
                canvas.withSavedState {
                    canvas.translate(x: centreX + (radius - 10) * cos(angle), y: centreY + (radius - 10) * sin(angle))
                    canvas.rotate(by: angle + .pi / 2)
                    canvas.move(toX: -2.5, y: 0)
                    canvas.showText(String(character))
                }
            }
            star(centreX: centreX, centreY: centreY, radius: 11)
        }
    }

    /// The signer's pen stroke between the position and the name: loops along a line,
    /// drawn from the name so that each signer signs alike.
    private func signatureStroke(_ document: SyntheticDocument, centreX: Double, centreY: Double) {
        var state = (document.metadata.signer ?? "").unicodeScalars.reduce(UInt64(1469598103934665603)) {
            ($0 ^ UInt64($1.value)) &* 1099511628211
        }
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 33) / Double(1 << 31)
        }
        canvas.withSavedState {
            canvas.setColour(red: 0.1, green: 0.15, blue: 0.45, alpha: 0.9)
            canvas.setLineWidth(1.3)
            let points = 14
            for point in 0...points {
                let x = centreX - 45 + 90 * Double(point) / Double(points) + (next() - 0.5) * 12
                let y = centreY + (point % 2 == 0 ? -1 : 1) * (4 + next() * 12)
                if point == 0 { canvas.move(toX: x, y: y) } else { canvas.line(toX: x, y: y) }
            }
            canvas.stroke()
        }
    }

    /// The five-pointed star in a seal's centre, drawn rather than set: not every font has "★".
    private func star(centreX: Double, centreY: Double, radius: Double) {
        for point in 0..<10 {
            let angle = -Double.pi / 2 + Double(point) * .pi / 5
            let r = point % 2 == 0 ? radius : radius * 0.4
            let (x, y) = (centreX + r * cos(angle), centreY + r * sin(angle))
            if point == 0 { canvas.move(toX: x, y: y) } else { canvas.line(toX: x, y: y) }
        }
        canvas.fill()
    }

    /// The receipt stamp of the receiving office ("CÔNG VĂN ĐẾN"), across the first lines
    /// of the body, where clerks put it.
    private func receiptStamp(top: Double) {
        let x = 300.0, width = 170.0, height = 58.0
        canvas.withSavedState {
            red()
            canvas.setLineWidth(1.6)
            canvas.rectangle(x: x, y: top, width: width, height: height)
            canvas.stroke()
            text("CÔNG VĂN ĐẾN", at: x + 30, y: top + 17, size: 12, style: .bold)
            text("Số: 1245   Ngày: 17/3", at: x + 12, y: top + 34, size: 11)
            text("Chuyển: VP", at: x + 12, y: top + 50, size: 11)
        }
    }

    private func header(_ document: SyntheticDocument, top: Double, scanned: Bool) -> Double {
        let m = document.metadata
        var leftY = top
        if let parent = document.parentLine {
            text(parent, centredAt: leftColumn, y: leftY, size: 12)
            leftY += 15
        }
        for line in document.agencyLines {
            text(line, centredAt: leftColumn, y: leftY, size: 12, style: .bold)
            leftY += 15
        }
        rule(centredAt: leftColumn, y: leftY - 9, width: 60)
        for line in document.contactLines {
            text(line, centredAt: leftColumn, y: leftY + 2, size: 9.5, style: .italic)
            leftY += 12
        }
        // "Số:" and the date share one line, below both the agency and the motto.
        leftY = max(leftY + 8, top + 40)
        if let number = m.number {
            if scanned, style.handFilledNumber, let slash = number.firstIndex(of: "/") {
                handFilled(String(number[..<slash]), label: document.numberLabel, symbol: String(number[slash...]), y: leftY)
            } else {
                text("\(document.numberLabel) \(number)", centredAt: leftColumn, y: leftY, size: 12)
            }
        }
        text(PageLayout.motto, centredAt: rightColumn, y: top, size: 11, style: .bold)
        text("Độc lập - Tự do - Hạnh phúc", centredAt: rightColumn, y: top + 15, size: 12, style: .bold)
        rule(centredAt: rightColumn, y: top + 19, width: 150)
        text(document.dateLine, centredAt: rightColumn, y: leftY, size: 12, style: .italic)
        var y = leftY + 22
        let stampColumn = style.stampSide == .underNumber ? leftColumn : rightColumn
        for word in document.stampWords {
            boxedStamp(word, centredAt: stampColumn, y: y)
            y += style.stampSize + 9
        }
        if let typeLine = document.typeLine {
            y += 10
            text(typeLine, centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 14, style: .bold)
            y += 18
            for line in lines(of: m.subject ?? "", width: style.subjectWidth, size: 12.5, style: .bold) {
                text(line, centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 12.5, style: .bold)
                y += 16
            }
        } else {
            for line in lines(of: "V/v " + (m.subject ?? ""), width: 220, size: 11.5, style: .regular) {
                text(line, centredAt: leftColumn, y: y, size: 11.5)
                y += 14
            }
        }
        y = addressees(document, top: y)
        y += 14
        for citation in document.citations {
            y = wrapped(citation, top: y, size: size, indent: 28, style: .italic)
        }
        return y + 6
    }

    /// The printed "Số:" and "/SYMBOL" with a blank between, and the digits written into it
    /// by hand: larger, slanted, a little above the line, in a pen's dark blue.
    private func handFilled(_ digits: String, label: String, symbol: String, y: Double) {
        let blank = "          "
        let x = leftColumn - width(of: label + blank + symbol, size: 12, style: .regular) / 2
        text(label + blank + symbol, at: x, y: y, size: 12)
        let start = x + width(of: label + " ", size: 12, style: .regular)
        canvas.withSavedState {
            canvas.setColour(red: 0.1, green: 0.15, blue: 0.45)
            canvas.translate(x: start, y: y - 2)
            canvas.rotate(by: -0.08)
            canvas.selectFont(family: "DejaVu Sans", size: 17, italic: true)
            canvas.move(toX: 0, y: 0)
            canvas.showText(digits)
        }
    }

    /// "Kính gửi: …" centred on one line, or its list indented beside the label.
    private func addressees(_ document: SyntheticDocument, top: Double) -> Double {
        let lines = document.addresseeLines
        guard let first = lines.first else { return top }
        var y = top + 10
        if lines.count == 1 {
            text(first, centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 12)
            return y + 8
        }
        let x = DocumentRenderer.pageWidth / 2 - 110
        text(first, at: x - width(of: first, size: size, style: .regular) - 4, y: y, size: size)
        for line in lines.dropFirst() {
            text(line, at: x, y: y, size: size)
            y += size * style.lineSpacing
        }
        return y
    }

    /// Draws the signature block and the recipients; returns the name's baseline.
    private func signature(_ document: SyntheticDocument, top: Double) -> Double {
        var y = top
        for line in document.signatureLines {
            text(line, centredAt: rightColumn + 20, y: y, size: 12, style: .bold)
            y += 15
        }
        let nameY = y + 55
        text(document.metadata.signer ?? "", centredAt: rightColumn + 20, y: nameY, size: 12, style: .bold)
        var leftY = top
        text("Nơi nhận:", at: left, y: leftY, size: 11, style: .boldItalic)
        for recipient in document.recipients {
            leftY += 13
            text(recipient, at: left, y: leftY, size: 10)
        }
        return nameY
    }

    // MARK: Drawing primitives

    private func select(size: Double, style: Style) {
        canvas.selectFont(family: self.style.font, size: size, bold: style == .bold || style == .boldItalic,
                          italic: style == .italic || style == .boldItalic)
    }

    private func width(of string: String, size: Double, style: Style) -> Double {
        select(size: size, style: style)
        return canvas.textAdvance(string)
    }

    private func text(_ string: String, at x: Double, y: Double, size: Double, style: Style = .regular) {
        recorder?.runs.append((x, y, string))
        select(size: size, style: style)
        canvas.move(toX: x, y: y)
        canvas.showText(string)
    }

    private func text(_ string: String, centredAt x: Double, y: Double, size: Double, style: Style = .regular) {
        text(string, at: x - width(of: string, size: size, style: style) / 2, y: y, size: size, style: style)
    }

    private func rule(centredAt x: Double, y: Double, width: Double) {
        canvas.setLineWidth(0.6)
        canvas.move(toX: x - width / 2, y: y)
        canvas.line(toX: x + width / 2, y: y)
        canvas.stroke()
    }

    private func lines(of string: String, width available: Double, size: Double, style: Style) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in string.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && width(of: candidate, size: size, style: style) > available {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Draws a paragraph wrapped to the text width; returns the y below it.
    private func wrapped(_ string: String, top: Double, size: Double, indent: Double, style: Style = .regular) -> Double {
        var y = top
        for (index, line) in lines(of: string, width: right - left - indent, size: size, style: style).enumerated() {
            text(line, at: left + (index == 0 ? indent : 0), y: y, size: size, style: style)
            y += size * self.style.lineSpacing
        }
        return y
    }
}

extension DocumentRenderer {
    /// A ``BoundHoSo``'s sheets scanned one after the other into one image-only PDF.
    static func writeBoundScan(_ hoSo: BoundHoSo, to url: URL, dpi: Int) throws {
        try Canvas.drawPDF(at: url, width: pageWidth, height: pageHeight) { canvas in
            for sheet in hoSo.sheets {
                let raster = try paper(dpi: dpi) { page in
                    switch sheet {
                    case .page(let document, let number):
                        PageLayout(canvas: page, document: document).draw(document, page: number, scanned: true)
                    case .appendix(let document, let number):
                        drawAppendix(of: document, page: number, on: page)
                    case .blank:
                        break
                    }
                }
                canvas.draw(raster, scale: 72 / Double(dpi))
                canvas.showPage()
            }
        }
    }

    /// An appendix page as Nghị định 30 sets one: "PHỤ LỤC", the document it is attached to
    /// in italics, then a numbered list; a second page carries its page number.
    private static func drawAppendix(of document: SyntheticDocument, page: Int, on canvas: Canvas) {
        canvas.setColour(red: 0, green: 0, blue: 0)
        func centred(_ text: String, y: Double, size: Double, bold: Bool = false, italic: Bool = false) {
            canvas.selectFont(family: "DejaVu Serif", size: size, bold: bold, italic: italic)
            canvas.move(toX: (pageWidth - canvas.textAdvance(text)) / 2, y: y)
            canvas.showText(text)
        }
        var y = 80.0
        if page == 0 {
            centred("PHỤ LỤC", y: y, size: 13, bold: true)
            centred("DANH MỤC CÁC NỘI DUNG TRIỂN KHAI", y: y + 18, size: 13, bold: true)
            let attached = [document.typeLine.map { $0.capitalized(with: Locale(identifier: "vi")) } ?? "Văn bản",
                            document.metadata.number.map { "số \($0)" }].compactMap { $0 }.joined(separator: " ")
            centred("(Kèm theo \(attached))", y: y + 38, size: 12, italic: true)
            y += 80
        } else {
            centred("\(page + 1)", y: 35, size: 11)
        }
        canvas.selectFont(family: "DejaVu Serif", size: 12.5)
        for (index, paragraph) in document.paragraphs.prefix(6).enumerated() {
            let words = paragraph.split(separator: " ").prefix(11).joined(separator: " ")
            canvas.move(toX: 70, y: y)
            canvas.showText("\(index + 1). \(words).")
            y += 24
        }
    }
}
