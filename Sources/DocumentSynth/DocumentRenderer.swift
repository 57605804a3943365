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
            PageLayout(canvas: canvas).draw(document, page: page)
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
        let scale = Double(dpi) / 72
        let raster = try RasterSurface(width: Int((pageWidth * scale).rounded()), height: Int((pageHeight * scale).rounded()),
                                       format: .rgb24)
        raster.draw { canvas in
            canvas.setColour(red: 1, green: 1, blue: 1)
            canvas.paint()
            canvas.scale(by: scale)
            PageLayout(canvas: canvas).draw(document, page: page, stamped: stamped)
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
        raster.draw { canvas in PageLayout(canvas: canvas, recorder: recorder).draw(document, page: page) }
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

/// Text runs as drawn, for ``DocumentRenderer/readingText(_:page:)``.
private final class TextRecorder {
    var runs: [(x: Double, y: Double, text: String)] = []
}

/// Lays out one page in points on any canvas.
private struct PageLayout {
    let canvas: Canvas
    var recorder: TextRecorder? = nil
    let left = 85.0, right = DocumentRenderer.pageWidth - 57
    let leftColumn = 170.0, rightColumn = 405.0

    enum Style { case regular, bold, italic, boldItalic }

    func draw(_ document: SyntheticDocument, page: Int, stamped: Bool = false) {
        canvas.setColour(red: 0, green: 0, blue: 0)
        let chunks = document.paragraphsByPage
        var y = 60.0
        if page == 0 {
            y = header(document, top: y)
            if stamped { receiptStamp(top: y - 4) }
        } else {
            text("\(page + 1)", centredAt: DocumentRenderer.pageWidth / 2, y: 35, size: 11)
        }
        for paragraph in chunks[page] {
            y = wrapped(paragraph, top: y, size: 12, indent: 28) + 4
        }
        if page == document.pageCount - 1 {
            signature(document, top: y + 14)
            if stamped { seal(document, centreX: rightColumn - 25, centreY: y + 14 + 30) }
            if let copy = document.copy {
                copyBlock(copy, top: max(y + 14 + 120, DocumentRenderer.pageHeight - 200))
            }
        }
    }

    /// A secrecy or urgency stamp: bold red capitals in a red box (ô 10a, 10b).
    private func boxedStamp(_ word: String, centredAt x: Double, y: Double) {
        canvas.withSavedState {
            red()
            let width = width(of: word, size: 13, style: .bold) + 12
            canvas.setLineWidth(1.2)
            canvas.rectangle(x: x - width / 2, y: y - 14, width: width, height: 19)
            canvas.stroke()
            text(word, centredAt: x, y: y, size: 13, style: .bold)
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
    private func seal(_ document: SyntheticDocument, centreX: Double, centreY: Double) {
        let radius = 48.0
        canvas.withSavedState {
            red()
            canvas.setLineWidth(2.2)
            canvas.circle(centreX: centreX, centreY: centreY, radius: radius)
            canvas.stroke()
            canvas.setLineWidth(1)
            canvas.circle(centreX: centreX, centreY: centreY, radius: radius - 15)
            canvas.stroke()
            let name = Array((document.agencyLines.last ?? "ỦY BAN NHÂN DÂN") + " ★ ")
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
            select(size: 26, style: .bold)
            canvas.move(toX: centreX - 11, y: centreY + 9)
            canvas.showText("★")
        }
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

    private func header(_ document: SyntheticDocument, top: Double) -> Double {
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
        // "Số:" and the date share one line, below both the agency and the motto.
        leftY = max(leftY + 8, top + 40)
        if let number = m.number {
            text("\(document.numberLabel) \(number)", centredAt: leftColumn, y: leftY, size: 12)
        }
        text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centredAt: rightColumn, y: top, size: 11, style: .bold)
        text("Độc lập - Tự do - Hạnh phúc", centredAt: rightColumn, y: top + 15, size: 12, style: .bold)
        rule(centredAt: rightColumn, y: top + 19, width: 150)
        text(document.dateLine, centredAt: rightColumn, y: leftY, size: 12, style: .italic)
        var y = leftY + 22
        for word in document.stampWords {
            boxedStamp(word, centredAt: leftColumn, y: y)
            y += 22
        }
        if let typeLine = document.typeLine {
            y += 10
            text(typeLine, centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 14, style: .bold)
            y += 18
            for line in lines(of: m.subject ?? "", width: 380, size: 12.5, style: .bold) {
                text(line, centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 12.5, style: .bold)
                y += 16
            }
        } else {
            for line in lines(of: "V/v " + (m.subject ?? ""), width: 220, size: 11.5, style: .regular) {
                text(line, centredAt: leftColumn, y: y, size: 11.5)
                y += 14
            }
            y += 10
            text("Kính gửi: Các sở, ban, ngành tỉnh", centredAt: DocumentRenderer.pageWidth / 2, y: y, size: 12)
            y += 8
        }
        y += 14
        for citation in document.citations {
            y = wrapped(citation, top: y, size: 12, indent: 28, style: .italic)
        }
        return y + 6
    }

    private func signature(_ document: SyntheticDocument, top: Double) {
        let m = document.metadata
        var y = top
        for line in [m.signingAuthority, m.signerTitle].compactMap({ $0 }) {
            text(line, centredAt: rightColumn + 20, y: y, size: 12, style: .bold)
            y += 15
        }
        text(m.signer ?? "", centredAt: rightColumn + 20, y: y + 55, size: 12, style: .bold)
        var leftY = top
        text("Nơi nhận:", at: left, y: leftY, size: 11, style: .boldItalic)
        for recipient in document.recipients {
            leftY += 13
            text(recipient, at: left, y: leftY, size: 10)
        }
    }

    // MARK: Drawing primitives

    private func select(size: Double, style: Style) {
        canvas.selectFont(family: "DejaVu Serif", size: size, bold: style == .bold || style == .boldItalic,
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
            y += size * 1.35
        }
        return y
    }
}
