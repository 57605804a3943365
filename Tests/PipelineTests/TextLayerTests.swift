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
}
