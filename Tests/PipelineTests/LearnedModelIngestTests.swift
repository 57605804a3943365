import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest
@testable import ArchiveStore
@testable import Ingest
@testable import Pipeline

/// A batch votes with the archive's newest learned type model, records its version with
/// each document, and leaves it out when `classifier.learned_model` is off.
final class LearnedModelIngestTests: XCTestCase {
    /// A model taught that báo cáo headers are kế hoạch and the other way round: its vote is
    /// plain to see on a báo cáo the rules read right.
    private func contraryModel() -> TypeModel {
        var factory = DocumentFactory(seed: 21)
        let swapped: [DocumentType: DocumentType] = [.baoCao: .keHoach, .keHoach: .baoCao]
        let examples = (0..<4).flatMap { _ in
            [DocumentType.baoCao, .keHoach, .toTrinh].map { type -> TypeModel.Example in
                let pages = factory.make(type).pageTexts.enumerated().map {
                    RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer)
                }
                return (pages, swapped[type] ?? type)
            }
        }
        return TypeModel.train(examples)
    }

    private func batchWithReport() throws -> BatchFixture {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 5)
        try DocumentRenderer.writePDF(factory.make(.baoCao), to: batch.inputs.url.appendingPathComponent("bao_cao.pdf"))
        let archive = try batch.openArchive()
        try archive.saveTypeModel(contraryModel(), sources: ["generated": 12])
        try archive.saveTypeModel(contraryModel(), sources: ["generated": 12])
        return batch
    }

    func testTheNewestModelVotesAndItsVersionIsRecorded() throws {
        let batch = try batchWithReport()
        XCTAssertEqual(try batch.ingest().stored, 1)
        let row = try XCTUnwrap(try batch.export()["bao_cao.pdf"])
        XCTAssertEqual(row["doc_type"] as? String, "bao_cao", "the rules' type stands")
        XCTAssertEqual(row["needs_review"] as? Bool, true)
        let reasons = try XCTUnwrap(row["review_reasons"] as? [String])
        XCTAssertTrue(reasons.contains { $0.hasPrefix("rules say bao_cao, the learned model says ke_hoach (p=") }, "\(reasons)")
        let id = DocumentID(try XCTUnwrap(row["id"] as? String))
        XCTAssertEqual(try batch.openArchive().document(id: id, visibleTo: .unrestricted)?.modelVersion, 2)
        XCTAssertEqual(row["model_version"] as? Int, 2)
        XCTAssertEqual(row["review_fields"] as? [String], ["doc_type"])
    }

    func testSwitchedOffTheRulesDecideAlone() throws {
        let batch = try batchWithReport()
        batch.configuration.classifier.learnedModel = false
        XCTAssertEqual(try batch.ingest().stored, 1)
        let row = try XCTUnwrap(try batch.export()["bao_cao.pdf"])
        XCTAssertEqual(row["doc_type"] as? String, "bao_cao")
        XCTAssertFalse((row["review_reasons"] as? [String] ?? []).contains { $0.contains("learned model") })
        XCTAssertNil(try batch.openArchive().document(id: DocumentID(try XCTUnwrap(row["id"] as? String)), visibleTo: .unrestricted)?.modelVersion)
        XCTAssertTrue(row["model_version"] is NSNull)
    }

    func testADamagedModelStopsTheBatchBeforeItStarts() throws {
        let batch = try batchWithReport()
        try batch.openArchive().database.execute("UPDATE type_models SET model = X'7B7D' WHERE version = 2")
        XCTAssertThrowsError(try batch.ingest()) { error in
            XCTAssertTrue("\(error)".contains("type model version 2 cannot be read"), "\(error)")
        }
    }
}
