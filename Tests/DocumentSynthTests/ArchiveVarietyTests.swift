import Classifier
import DocumentModel
import XCTest
@testable import DocumentSynth

final class ArchiveVarietyTests: XCTestCase {
    func testEveryTypeWithItsNghiDinh30Abbreviation() {
        var factory = DocumentFactory(seed: 3, variety: .archive)
        let expected: [DocumentType: String] = [
            .bienBan: "/BB-", .hopDong: "/HĐ-", .congDien: "/CĐ-", .banGhiNho: "/BGN-", .banThoaThuan: "/BTT-",
            .giayUyQuyen: "/GUQ-", .giayMoi: "/GM-", .giayGioiThieu: "/GGT-", .giayNghiPhep: "/GNP-",
            .phieuGui: "/PG-", .phieuChuyen: "/PC-", .phieuBao: "/PB-", .huongDan: "/HD-", .quyDinh: "/QyĐ-",
        ]
        XCTAssertEqual(DocumentFactory.requiredTypes.count + DocumentFactory.otherTypes.count, DocumentType.allCases.count - 1)
        for type in DocumentFactory.requiredTypes + DocumentFactory.otherTypes {
            let document = factory.make(type)
            XCTAssertEqual(document.metadata.docType, type)
            if let fragment = expected[type] {
                XCTAssertTrue(document.metadata.number?.contains(fragment) == true, "\(type): \(document.metadata.number ?? "nil")")
            }
        }
        let letter = factory.make(.thuCong)
        XCTAssertNil(letter.metadata.number, "thư công has no number")
        XCTAssertNotNil(letter.typeLine)
        XCTAssertNil(factory.make(.giayGioiThieu).metadata.subject, "a giấy giới thiệu has no trích yếu")
        XCTAssertNotNil(factory.make(.giayMoi).metadata.subject)
    }

    func testEveryLegalFormNumberedAsItsIssuerDoes() {
        var factory = DocumentFactory(seed: 4, variety: .archive)
        let expected: [LegalForm: String] = [
            .luat: "/QH1", .boLuat: "/QH1", .phapLenh: "/PL-UBTVQH1", .lenh: "/L-CTN", .nghiQuyet: "/NQ-HĐND",
            .nghiDinh: "/NĐ-CP", .quyetDinh: "/QĐ-UBND", .thongTu: "/TT-BNV", .thongTuLienTich: "/TTLT-BTC-BNV",
        ]
        for form in LegalForm.allCases {
            let document = factory.make(.vanBanQPPL, legalForm: form)
            let m = document.metadata
            XCTAssertEqual(m.legalForm, form)
            guard let fragment = expected[form] else {
                XCTAssertNil(m.number, "a constitution has no number")
                continue
            }
            XCTAssertTrue(m.number?.contains(fragment) == true, "\(form): \(m.number ?? "nil")")
            XCTAssertEqual(m.number?.split(separator: "/")[1], "\(m.issuedDate!.year)", "year segment")
        }
        XCTAssertTrue(factory.make(.vanBanQPPL, legalForm: .luat).pageTexts[0].contains("Luật số: "))
    }

    func testArchiveVarietyMixesHeadersStampsAndCopies() {
        var factory = DocumentFactory(seed: 2026, variety: .archive)
        let documents = (0..<340).map { factory.make(DocumentFactory.requiredTypes[$0 % DocumentFactory.requiredTypes.count]) }
        let m = documents.map(\.metadata)
        XCTAssertTrue(m.contains { $0.agencyParent == nil } && m.contains { $0.agencyParent != nil })
        XCTAssertTrue(documents.contains { $0.agencyLines.count == 2 && $0.parentLine != nil })
        XCTAssertTrue(documents.contains { $0.agencyLines.count == 1 && $0.parentLine == nil })
        XCTAssertTrue(m.contains { $0.signingAuthority == nil } && m.contains { $0.signingAuthority?.hasPrefix("TL.") == true })
        XCTAssertEqual(Set(m.compactMap(\.secrecy)), Set(Secrecy.allCases))
        XCTAssertEqual(Set(m.compactMap(\.urgency)), Set(Urgency.allCases))
        XCTAssertTrue(m.contains { $0.docType != .congVan && $0.subject?.hasPrefix("Về việc") == false })
        let copies = documents.compactMap { document in document.copy.map { (document, $0) } }
        XCTAssertEqual(Set(copies.map(\.1.form)), Set(CopyBlock.Form.allCases))
        for (document, copy) in copies {
            XCTAssertGreaterThanOrEqual(copy.issuedDate, document.metadata.issuedDate!, "a copy is made after its original")
            XCTAssertTrue(copy.number.contains("/\(copy.form.printed.abbreviation)-"))
            XCTAssertTrue(document.pageTexts.last!.contains(copy.form.printed.name))
            XCTAssertTrue(DocumentRenderer.readingText(document, page: document.pageCount - 1).contains("Số: \(copy.number)"))
        }
        let stamped = documents.first { $0.metadata.urgency == .thuongKhan }!
        XCTAssertTrue(DocumentRenderer.readingText(stamped, page: 0).contains("THƯỢNG KHẨN"))
    }

    func testArchiveVarietyIsDeterministicAndLeavesPlainDocumentsAlone() {
        var a = DocumentFactory(seed: 8, variety: .archive), b = DocumentFactory(seed: 8, variety: .archive)
        let first = (0..<40).map { a.make(DocumentFactory.otherTypes[$0 % 13]) }
        let second = (0..<40).map { b.make(DocumentFactory.otherTypes[$0 % 13]) }
        XCTAssertEqual(first.map(\.metadata), second.map(\.metadata))
        XCTAssertEqual(first.map(\.copy), second.map(\.copy))
        var plain = DocumentFactory(seed: 8)
        let documents = plain.makeOneOfEachRequiredType() + plain.makeOneOfEachRequiredType()
        XCTAssertTrue(documents.allSatisfy { $0.copy == nil && $0.metadata.secrecy == nil && $0.metadata.urgency == nil })
        XCTAssertTrue(documents.filter { $0.metadata.docType != .vanBanQPPL }
            .allSatisfy { Vocabulary.issuers.map(\.agency).contains($0.metadata.agency!) })
    }
}
