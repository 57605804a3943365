import ArchiveStore
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest

/// `sohoa search` and `sohoa similar` as people and scripts run them: the real binary on
/// an archive of generated documents.
final class SearchCommandTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var planID = ""

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        let archive = try Archive(directory: folder.url)
        var factory = DocumentFactory(seed: 9)
        var documents = (0..<12).map { factory.make(DocumentFactory.requiredTypes[$0 % DocumentFactory.requiredTypes.count], pages: 2) }
        var plan = factory.make(.keHoach, pages: 2)
        plan.metadata.number = "28/KH-UBND"
        documents.append(plan)
        var stored = documents.enumerated().map { index, document in
            newDocument(index, document.metadata, pages: document.pageTexts, source: "hop_1/\(index).pdf")
        }
        stored.append(newDocument(99, plan.metadata, pages: plan.pageTexts.map { $0.replacingOccurrences(of: "ư", with: "u") },
                                  source: "hop_2/ke_hoach_ban_chup.pdf"))
        planID = try archive.store(contentsOf: stored)[12].rawValue
    }

    private func newDocument(_ index: Int, _ metadata: DocumentMetadata, pages: [String], source: String) -> NewDocument {
        let sha = SHA256(rawValue: String(format: "%016x", index + 1) + String(repeating: "0", count: 48))!
        return NewDocument(batchRoot: "/kho", source: source, sha256: sha, originalPath: "originals/\(sha).pdf", byteCount: 1,
                           mediaType: "application/pdf",
                           pages: pages.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer) },
                           metadata: metadata)
    }

    private func sohoa(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SohoaBinary.run(arguments + ["--archive", folder.url.path])
    }

    func testJSONHasOneObjectPerHitWithTheSameKeys() throws {
        let (status, output) = try sohoa(["search", "28/KH-UBND", "--json", "--facets"])
        XCTAssertEqual(status, 0)
        let lines = try output.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let hits = lines.dropLast()
        XCTAssertFalse(hits.isEmpty)
        for hit in hits {
            XCTAssertEqual(Set(hit.keys), ["id", "source", "score", "page", "snippet", "doc_type", "number", "issued_date", "agency", "subject", "secrecy"])
        }
        XCTAssertEqual(hits.first?["source"] as? String, "hop_1/12.pdf", "the document bearing the number comes first")
        XCTAssertNotNil(lines.last?["facets"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(lines.last?["total"] as? Int ?? 0, 2)
    }

    func testReadableListAndExitCodes() throws {
        let found = try sohoa(["search", "kế hoạch", "--type", "ke_hoach"])
        XCTAssertEqual(found.status, 0)
        XCTAssertTrue(found.output.hasPrefix("1. "), found.output)
        XCTAssertTrue(found.output.contains("«"), "matched words are marked")
        XCTAssertEqual(try sohoa(["search", "xyzzyq"]).status, 1, "nothing found")
        XCTAssertEqual(try sohoa(["search", "quyết\u{1}định"]).status, 64, "a control character is refused")
        XCTAssertEqual(try sohoa(["search", "a", "--from", "2020-13-01"]).status, 64)
    }

    func testSimilarListsTheRescanFirst() throws {
        let (status, output) = try sohoa(["similar", planID, "--json", "--limit", "3"])
        XCTAssertEqual(status, 0)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(output.split(separator: "\n").first).utf8)) as? [String: Any])
        XCTAssertEqual(first["source"] as? String, "hop_2/ke_hoach_ban_chup.pdf")
        XCTAssertEqual(try sohoa(["similar", "0000000000000000"]).status, 1, "an unknown id")
    }
}
