import Classifier
import DocumentModel
import Foundation
import PDFRendering
import XCTest

/// A born-digital page's text read back with real poppler, as the classifier gets it.
final class TextLayerTests: XCTestCase {
    /// A trích yếu set tight under its type name, then a wider space and a body that no
    /// "Căn cứ" opens: the space is the only sign that the trích yếu has ended.
    private func writePlan(to url: URL) throws {
        try Canvas.drawPDF(at: url, width: 595, height: 842) { canvas in
            func line(_ text: String, y: Double, size: Double = 13, bold: Bool = false) {
                canvas.selectFont(family: "DejaVu Serif", size: size, bold: bold)
                canvas.move(toX: 70, y: y)
                canvas.showText(text)
            }
            line("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", y: 60, bold: true)
            line("Số: 87/KH-UBND          Quảng Ngãi, ngày 12 tháng 7 năm 2019", y: 90)
            line("KẾ HOẠCH", y: 140, size: 14, bold: true)
            line("Triển khai chuyển đổi số trong công tác văn thư,", y: 160, bold: true)
            line("lưu trữ năm 2019", y: 177, bold: true)
            line("Thực hiện chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng xây dựng", y: 215)
            line("kế hoạch số hóa tài liệu lưu trữ như sau:", y: 232)
            line("TM. ỦY BAN NHÂN DÂN", y: 300, bold: true)
            line("CHỦ TỊCH", y: 317, bold: true)
            line("Trần Phước Hiền", y: 400, bold: true)
        }
    }

    func testAWiderSpaceBetweenLinesIsAParagraphBreak() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-text-layer-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try writePlan(to: url)
        let text = try PDFFile(path: url.path, password: nil).page(0).text
        let lines = text.components(separatedBy: "\n")
        let subject = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Triển khai") })
        XCTAssertEqual(lines[subject + 1], "lưu trữ năm 2019", "lines of one paragraph stay together: \(lines)")
        XCTAssertEqual(lines[subject + 2], "", "the wider space is a blank line: \(lines)")
        XCTAssertTrue(lines[subject + 3].hasPrefix("Thực hiện"))

        let metadata = DocumentClassifier().classify([RecognizedPage(number: 1, text: text, source: .textLayer)])
        XCTAssertEqual(metadata.docType, .keHoach)
        XCTAssertEqual(metadata.subject, "Triển khai chuyển đổi số trong công tác văn thư, lưu trữ năm 2019")
    }

    /// What OCR reads from a signature widget's band joins the layer where the layer has
    /// nothing (the stamped number), fills a blank's dots (the stamped day), and never
    /// overrides the layer's own words (a misread "Số: 565" stays 565).
    func testAStampedReadingFillsTheLayersGapsAndNeverOverridesIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-stamped-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try Canvas.drawPDF(at: url, width: 595, height: 842) { canvas in
            func text(_ text: String, x: Double, y: Double) {
                canvas.selectFont(family: "DejaVu Serif", size: 13, bold: false)
                canvas.move(toX: x, y: y)
                canvas.showText(text)
            }
            text("Số:", x: 70, y: 90)
            text("/KH-UBND", x: 140, y: 90)
            text("Số: 565/TB-UBND", x: 70, y: 130)
            text("Quảng Ngãi, ngày ………… tháng 7 năm 2019", x: 70, y: 170)
        }
        let page = try PDFFile(path: url.path, password: nil).page(0)
        let words = page.words(dpi: 72)
        func box(_ text: String) throws -> PageArea {
            let word = try XCTUnwrap(words.first { $0.text == text }, "\(text) in \(words.map(\.text))")
            return PageArea(x1: Double(word.left), y1: Double(word.top), x2: Double(word.right), y2: Double(word.bottom))
        }
        let number = try box("/KH-UBND"), label = try box("Số:"), dots = try box("…………"), misread = try box("565/TB-UBND")
        let merged = page.textLayer.merging([
            PlacedText(text: "Só: 87/KH-UBND", area: PageArea(x1: label.x1, y1: label.y1, x2: number.x2, y2: number.y2)),
            PlacedText(text: "Só:55/TB-UBND", area: PageArea(x1: label.x1, y1: misread.y1, x2: misread.x2, y2: misread.y2)),
            PlacedText(text: "12", area: dots),
        ])
        XCTAssertEqual(merged.added, [0, 2], "the misreading added nothing")
        let lines = merged.text.components(separatedBy: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertTrue(lines.contains("Số: 87 /KH-UBND"), "the stamped number joins the layer's own words: \(lines)")
        XCTAssertTrue(lines.contains("Số: 565/TB-UBND"), "a misreading of the layer's words is dropped: \(lines)")
        XCTAssertTrue(lines.contains("Quảng Ngãi, ngày 12 tháng 7 năm 2019"), "the stamped day takes the blank's place: \(lines)")
    }
}
