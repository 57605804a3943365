import DocumentModel
import DocumentSynth
import XCTest
@testable import Classifier

/// Where documents begin in a bound scan, from the pages' text: what Nghị định 30 puts on
/// a first page opens a document; page numbers, appendices, forms, drafts and blank sides
/// do not.
final class DocumentSplitterTests: XCTestCase {
    private func pages(_ texts: [String]) -> [RecognizedPage] {
        texts.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .ocr) }
    }

    private func starts(_ texts: [String]) -> [Int] {
        DocumentSplitter().split(pages(texts)).map(\.pages.lowerBound)
    }

    func testGeneratedDocumentsBoundTogetherAreFoundWithEveryPage() {
        var factory = DocumentFactory(seed: 303, variety: .archive)
        let documents = [factory.make(.quyetDinh, pages: 2), factory.make(.congVan), factory.make(.keHoach, pages: 3),
                         factory.make(.toTrinh, pages: 2)]
        let parts = DocumentSplitter().split(pages(documents.flatMap(\.pageTexts)))
        XCTAssertEqual(parts.map(\.pages), [1...2, 3...3, 4...6, 7...8])
        XCTAssertEqual(parts.first?.confidence, 1)
        for part in parts {
            XCTAssertGreaterThanOrEqual(part.confidence, DocumentSplitter.sureConfidence, "\(part)")
            XCTAssertEqual(part.doubts, [])
        }
        for document in documents {
            XCTAssertEqual(DocumentSplitter().split(pages(document.pageTexts)).count, 1, "one document alone stays whole")
        }
    }

    func testBlankSidesStayWithTheDocumentBefore() {
        var factory = DocumentFactory(seed: 304, variety: .archive)
        let first = factory.make(.baoCao), second = factory.make(.thongBao)
        var texts = first.pageTexts + [""] + second.pageTexts + [""]
        XCTAssertEqual(DocumentSplitter().split(pages(texts)).map(\.pages), [1...2, 3...4])
        texts = [""] + texts
        XCTAssertEqual(DocumentSplitter().split(pages(texts)).map(\.pages), [1...3, 4...5], "a scan may open on a blank side")
    }

    private let header = """
        ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        Số: 12/QĐ-UBND     Quảng Ngãi, ngày 5 tháng 3 năm 2020
        QUYẾT ĐỊNH
        Về việc phê duyệt kế hoạch số hóa tài liệu lưu trữ
        """
    private let ending = """
        Điều 3. Chánh Văn phòng và Thủ trưởng các cơ quan chịu trách nhiệm thi hành Quyết định này.
        Nơi nhận:
        - Như Điều 3;
        - Lưu: VT.
        TM. ỦY BAN NHÂN DÂN
        CHỦ TỊCH
        """
    private let body = """
        Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024 và các văn bản hướng dẫn thi hành,
        Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các đơn vị có liên quan;
        các dự án thành phần có thể độc lập vận hành, khai thác theo phân kỳ đầu tư
        """

    func testBodyPagesWithTheMottosWordsOrADateDoNotOpenADocument() {
        XCTAssertEqual(starts([header + "\n" + body, body + "\n" + body, ending]), [1])
    }

    func testAPageNumberedTwoOrAnAppendixContinues() {
        XCTAssertEqual(starts([header + "\n" + body, "- 2 -\n" + body + "\n" + ending, "PHỤ LỤC\n(Kèm theo Quyết định số 12/QĐ-UBND)\n" + body]), [1])
        XCTAssertEqual(starts([header + "\n" + ending, "Trang 2\n" + body]), [1])
    }

    func testFormsAndDraftsStayWithTheDocumentTheyAreFiledWith() {
        let form = """
            Mẫu số 01
            TÊN CƠ QUAN, TỔ CHỨC     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Số: .../TTr-...     ..., ngày ... tháng ... năm ...
            TỜ TRÌNH
            """
        let draft = "DỰ THẢO\n" + header
        XCTAssertEqual(starts([header + "\n" + ending, form, draft]), [1])
        let unissued = header.replacingOccurrences(of: "Số: 12/QĐ-UBND", with: "Số: /2025/NQ-HĐND")
            .replacingOccurrences(of: "ngày 5 tháng 3 năm 2020", with: "ngày tháng năm 2025")
        let parts = DocumentSplitter().split(pages([header + "\n" + ending, unissued]))
        XCTAssertEqual(parts.map(\.pages), [1...2])
        XCTAssertEqual(parts[0].doubts.count, 1, "a header with neither number nor day is kept, and named for review")
    }

    func testADisputedBoundaryIsSentToReview() {
        let parts = DocumentSplitter().split(pages([header + "\n" + body, header + "\n" + ending]))
        XCTAssertEqual(parts.map(\.pages), [1...1, 2...2])
        XCTAssertLessThan(parts[1].confidence, DocumentSplitter.sureConfidence, "the page before ends nothing")
        XCTAssertFalse(parts[1].doubts.isEmpty)
        let sure = DocumentSplitter().split(pages([header + "\n" + ending, header + "\n" + ending]))
        XCTAssertGreaterThanOrEqual(sure[1].confidence, DocumentSplitter.sureConfidence)
    }
}
