import Classifier
import DocumentModel
import DocumentSynth
import XCTest

final class DocumentFactoryTests: XCTestCase {
    func testSameSeedSameDocuments() {
        var a = DocumentFactory(seed: 42), b = DocumentFactory(seed: 42), c = DocumentFactory(seed: 43)
        let first = a.makeOneOfEachRequiredType(), second = b.makeOneOfEachRequiredType(), other = c.makeOneOfEachRequiredType()
        XCTAssertEqual(first.map(\.metadata), second.map(\.metadata))
        XCTAssertEqual(first.map(\.paragraphs), second.map(\.paragraphs))
        XCTAssertNotEqual(first.map(\.metadata), other.map(\.metadata))
    }

    func testNumbersCarryTheTypeAbbreviationOfNghiDinh30() {
        var factory = DocumentFactory(seed: 1)
        let expected: [DocumentType: String] = [
            .quyetDinh: "/QĐ-", .quyDinh: "/QyĐ-", .chuongTrinh: "/CTr-", .toTrinh: "/TTr-", .huongDan: "/HD-",
            .deAn: "/ĐA-", .duAn: "/DA-", .chiThi: "/CT-",
        ]
        for (type, fragment) in expected {
            XCTAssertTrue(factory.make(type).metadata.number?.contains(fragment) == true, "\(type)")
        }
        let congVan = factory.make(.congVan)
        XCTAssertNil(congVan.typeLine, "a công văn has no type line")
        let decree = factory.make(.vanBanQPPL, legalForm: .nghiDinh).metadata
        XCTAssertTrue(decree.number?.hasSuffix("/NĐ-CP") == true)
        XCTAssertNotNil(decree.number?.split(separator: "/").dropFirst().first.flatMap { Int($0) }, "year segment")
    }

    func testCitationsNeverRepeatTheDocumentsOwnNumber() {
        var factory = DocumentFactory(seed: 5)
        for document in factory.makeOneOfEachRequiredType() {
            for citation in document.citations {
                XCTAssertFalse(citation.contains(document.metadata.number ?? "-"), citation)
            }
        }
    }
}
