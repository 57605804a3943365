import DocumentModel
import Foundation
import XCTest

final class IdentifierTests: XCTestCase {
    func testSHA256AcceptsOnlyLowerCaseHexOfFullLength() {
        let digest = String(repeating: "0123456789abcdef", count: 4)
        XCTAssertEqual(SHA256(rawValue: digest)?.prefix, "01")
        XCTAssertNil(SHA256(rawValue: String(digest.dropLast())), "63 digits")
        XCTAssertNil(SHA256(rawValue: digest.uppercased()), "upper case")
        XCTAssertNil(SHA256(rawValue: String(digest.dropLast(2)) + "/x"), "a path character")
        XCTAssertNil(SHA256(rawValue: "../" + String(digest.dropFirst(3))), "a path escape")
    }

    func testIdentitiesEncodeAsPlainStrings() throws {
        let sha = try XCTUnwrap(SHA256(rawValue: String(repeating: "ab", count: 32)))
        let encoded = try JSONEncoder().encode(["id": DocumentID("ab12"), "other": DocumentID("cd34")])
        XCTAssertEqual(try JSONDecoder().decode([String: String].self, from: encoded), ["id": "ab12", "other": "cd34"])
        XCTAssertEqual(try JSONDecoder().decode(SHA256.self, from: JSONEncoder().encode(sha)), sha)
        XCTAssertThrowsError(try JSONDecoder().decode(SHA256.self, from: Data(#""not-a-digest""#.utf8)))
    }
}

final class MetadataFieldTests: XCTestCase {
    func testRawValuesAreTheExportContractKeysInItsOrder() {
        XCTAssertEqual(MetadataField.allCases.map(\.rawValue), [
            "doc_type", "legal_form", "number", "issued_date", "place", "agency", "agency_parent", "subject",
            "signer", "signer_title", "signing_authority", "secrecy", "urgency", "copy", "copy_number", "copy_issued_date",
        ])
        XCTAssertEqual(MetadataField.documentFields + MetadataField.copyFields, MetadataField.allCases)
        XCTAssertEqual(MetadataField.allCases.sorted(by: >).reversed(), MetadataField.allCases)
    }

    func testValuesAreWrittenAsTheExportWritesThem() {
        var metadata = DocumentMetadata()
        metadata.docType = .vanBanQPPL
        metadata.legalForm = .thongTu
        metadata.issuedDate = IssuedDate(year: 2019, month: 7, day: 2)
        metadata.secrecy = .toiMat
        metadata.copy = CopyMark(form: .saoY, number: "14/SY-UBND", issuedDate: IssuedDate(year: 2020, month: 1, day: 31))
        XCTAssertEqual(metadata.value(of: .docType), "van_ban_qppl")
        XCTAssertEqual(metadata.value(of: .legalForm), "thong_tu")
        XCTAssertEqual(metadata.value(of: .issuedDate), "2019-07-02")
        XCTAssertEqual(metadata.value(of: .secrecy), "toi_mat")
        XCTAssertNil(metadata.value(of: .urgency))
        XCTAssertEqual(metadata.value(of: .copy), "sao_y")
        XCTAssertEqual(metadata.value(of: .copyNumber), "14/SY-UBND")
        XCTAssertEqual(metadata.value(of: .copyIssuedDate), "2020-01-31")
    }

    func testConfidenceByFieldEncodesAsAnObjectKeyedByTheContractKeys() throws {
        var metadata = DocumentMetadata()
        metadata.fieldConfidence = [.signerTitle: 0.5]
        metadata.reviewFields = [.signerTitle]
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(metadata)) as? [String: Any])
        XCTAssertEqual(object["fieldConfidence"] as? [String: Double], ["signer_title": 0.5])
        XCTAssertEqual(object["reviewFields"] as? [String], ["signer_title"])
        XCTAssertEqual(try JSONDecoder().decode(DocumentMetadata.self, from: JSONEncoder().encode(metadata)), metadata)
    }
}
