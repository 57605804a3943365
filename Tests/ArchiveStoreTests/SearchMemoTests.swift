import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

/// A server's remembered search answers: never older than the archive, never shown to
/// someone of another clearance.
final class SearchMemoTests: GeneratedArchiveTestCase {
    /// A second connection, as a server's next request would borrow, sharing the memo.
    private var other: Archive!

    override func prepareBackend() throws {
        try super.prepareBackend()
        let memo = SearchMemo()
        archive.searchMemo = memo
        other = try openArchive(in: folder)
        other.searchMemo = memo
    }

    override func tearDownWithError() throws {
        other = nil
        try super.tearDownWithError()
    }

    @discardableResult
    private func store(_ source: String, secrecy: Secrecy? = nil, type: DocumentType = .baoCao) throws -> DocumentID {
        var metadata = DocumentMetadata()
        metadata.docType = type
        metadata.issuedDate = IssuedDate(year: 2021, month: 3, day: 4)
        metadata.secrecy = secrecy
        return try archive.store(newDocument(metadata, pages: ["Kiểm kê kho lưu trữ tỉnh Hà Giang"], source: source))
    }

    private func query(_ clearance: Clearance) -> SearchQuery {
        SearchQuery(text: "kiem ke kho ha giang", limit: 50, visibleTo: clearance)
    }

    func testADocumentStoredOnAnotherConnectionIsFoundAtOnce() throws {
        try onEveryBackend {
            try store("a.pdf")
            XCTAssertEqual(try other.search(query(.none)).hits.map(\.source), ["a.pdf"])
            XCTAssertEqual(try other.facets(query(.none)).total, 1)
            try store("b.pdf")
            XCTAssertEqual(Set(try other.search(query(.none)).hits.map(\.source)), ["a.pdf", "b.pdf"])
            XCTAssertEqual(try other.facets(query(.none)).total, 2)
        }
    }

    func testACorrectionIsCountedAtOnce() throws {
        try onEveryBackend {
            let id = try store("a.pdf")
            XCTAssertEqual(try other.facets(query(.none)).counts["doc_type"], [.init(value: "bao_cao", count: 1)])
            _ = try archive.correct(id, MetadataCorrection(values: [.docType: "ke_hoach"], correctedBy: "lan"), visibleTo: .unrestricted)
            XCTAssertEqual(try other.facets(query(.none)).counts["doc_type"], [.init(value: "ke_hoach", count: 1)])
            XCTAssertEqual(try other.search(query(.none)).hits.first?.docType, .keHoach)
        }
    }

    func testAnAnswerIsKeptForItsClearanceOnly() throws {
        try onEveryBackend {
            try store("open.pdf")
            try store("secret.pdf", secrecy: .toiMat)
            XCTAssertEqual(Set(try archive.search(query(.unrestricted)).hits.map(\.source)), ["open.pdf", "secret.pdf"])
            XCTAssertEqual(try archive.facets(query(.unrestricted)).total, 2)
            XCTAssertEqual(try other.search(query(.none)).hits.map(\.source), ["open.pdf"])
            XCTAssertEqual(try other.facets(query(.none)).total, 1)
            XCTAssertNil(try other.facets(query(.none)).counts["secrecy"])
        }
    }

    func testTheSameSearchIsAnsweredFromMemoryAndPagesShareTheirFacets() throws {
        try onEveryBackend {
            try store("a.pdf")
            let memo = try XCTUnwrap(archive.searchMemo)
            let first = try archive.search(query(.none))
            let facets = try archive.facets(query(.none))
            XCTAssertEqual(memo.answeredFromMemory, 0)
            // Nothing changed: the same answer, read through the other connection from memory.
            XCTAssertEqual(try other.search(query(.none)).hits.map(\.id), first.hits.map(\.id))
            XCTAssertEqual(memo.answeredFromMemory, 1)
            // The next page in another order is a new search, with the same facets.
            var secondPage = query(.none)
            secondPage.offset = 20
            secondPage.sort = .newest
            XCTAssertTrue(try other.search(secondPage).hits.isEmpty)
            XCTAssertEqual(memo.answeredFromMemory, 1)
            XCTAssertEqual(try other.facets(secondPage), facets)
            XCTAssertEqual(memo.answeredFromMemory, 2)
        }
    }
}
