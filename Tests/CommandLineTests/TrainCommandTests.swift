import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest
@testable import ArchiveStore

/// `sohoa train` as people and scripts run it: the real binary on an archive of generated
/// documents and a truth file that labels them.
final class TrainCommandTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var truth: URL!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        let archive = try Archive(directory: folder.url)
        var factory = DocumentFactory(seed: 31)
        let types: [DocumentType] = [.toTrinh, .baoCao, .keHoach, .toTrinh, .baoCao, .keHoach, .congDien]
        var documents: [NewDocument] = []
        var lines: [String] = []
        for (index, type) in types.enumerated() {
            let document = factory.make(type)
            let sha = SHA256(rawValue: String(format: "%016x", index + 1) + String(repeating: "0", count: 48))!
            let pages = document.pageTexts.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .ocr) }
            documents.append(NewDocument(batchRoot: "/kho", source: "hop/\(index).pdf", sha256: sha, originalPath: "originals/\(sha).pdf",
                                         byteCount: 1, mediaType: "application/pdf", pages: pages, metadata: document.metadata))
            // The last one is labelled `other`: no class to learn.
            lines.append(#"{"file": "docs/hop/\#(index).pdf", "doc_type": "\#(index == 6 ? "other" : type.rawValue)"}"#)
        }
        lines.append(#"{"file": "docs/hop/missing.pdf", "doc_type": "to_trinh"}"#)
        try archive.store(contentsOf: documents)
        truth = folder.url.appendingPathComponent("truth.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: truth, atomically: true, encoding: .utf8)
    }

    private func sohoa(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SohoaBinary.run(arguments + ["--archive", folder.url.path])
    }

    private func json(_ output: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func testEveryRunStoresANewVersion() throws {
        let generated = try sohoa(["train", "--generated", "3", "--json"])
        XCTAssertEqual(generated.status, 0, generated.output)
        let first = try json(generated.output)
        XCTAssertEqual(first["version"] as? Int, 1)
        XCTAssertEqual(first["examples"] as? Int, 90)
        XCTAssertEqual((first["classes"] as? [String: Int])?.count, 30)
        XCTAssertEqual((first["classes"] as? [String: Int])?["to_trinh"], 3)
        XCTAssertEqual(first["sources"] as? [String: Int], ["generated": 90])
        XCTAssertEqual(first["training_accuracy"] as? Double, 1, "a model this size fits its own training set")

        let labelled = try sohoa(["train", "--labels", truth.path])
        XCTAssertEqual(labelled.status, 0, labelled.output)
        XCTAssertTrue(labelled.output.contains("Trained on 6 documents (6 labelled) of 3 types:"), labelled.output)
        XCTAssertTrue(labelled.output.contains("1 truth line names no document stored in the archive"), labelled.output)
        XCTAssertTrue(labelled.output.contains("Stored as model version 2"), labelled.output)

        let (version, model) = try XCTUnwrap(try Archive(directory: folder.url).currentTypeModel())
        XCTAssertEqual(version, 2)
        XCTAssertEqual(model.classes, [.baoCao, .toTrinh, .keHoach].sorted { DocumentType.allCases.firstIndex(of: $0)! < DocumentType.allCases.firstIndex(of: $1)! })
    }

    func testDryRunStoresNothing() throws {
        let run = try sohoa(["train", "--labels", truth.path, "--dry-run", "--json"])
        XCTAssertEqual(run.status, 0, run.output)
        let report = try json(run.output)
        XCTAssertNil(report["version"])
        XCTAssertEqual(report["unmatched_labels"] as? Int, 1)
        XCTAssertNil(try Archive(directory: folder.url).currentTypeModel())
    }

    func testTypesAPersonCorrectedAreLearnedAndWinOverATruthFile() throws {
        let archive = try Archive(directory: folder.url)
        let ids = Dictionary(uniqueKeysWithValues: try archive.storedDocumentSources().map { ($0.source, $0.id) })
        for (source, type) in [("hop/0.pdf", "bao_cao"), ("hop/6.pdf", "thong_bao")] {
            let run = try sohoa(["correct", ids[source]!.rawValue, "--doc-type", type, "--by", "lan"])
            XCTAssertEqual(run.status, 0, run.output)
        }
        let report = try json(try sohoa(["train", "--labels", truth.path, "--dry-run", "--json"]).output)
        XCTAssertEqual(report["sources"] as? [String: Int], ["labelled": 5, "corrected": 2])
        XCTAssertEqual(report["classes"] as? [String: Int], ["to_trinh": 1, "bao_cao": 3, "ke_hoach": 2, "thong_bao": 1])
    }

    func testEvaluatesOnAnotherArchivesStoredPages() throws {
        let run = try sohoa(["train", "--labels", truth.path, "--dry-run", "--json", "--evaluate-on", folder.url.path, "--truth", truth.path])
        XCTAssertEqual(run.status, 0, run.output)
        let evaluation = try XCTUnwrap(try json(run.output)["evaluation"] as? [String: Any])
        XCTAssertEqual(evaluation["documents"] as? Int, 7, "every truth line found in the archive")
        XCTAssertEqual(evaluation["rules_right"] as? Int, 7, "the rules read generated text right, `other` included")
    }

    func testTrainingIntoANewFolderCreatesTheArchiveForItsFirstBatch() throws {
        let fresh = folder.url.appendingPathComponent("new-archive")
        let run = try SohoaBinary.run(["train", "--generated", "1", "--archive", fresh.path])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(try Archive(directory: fresh).currentTypeModel()?.version, 1)
        XCTAssertEqual(try SohoaBinary.run(["train", "--generated", "1", "--dry-run", "--archive", folder.url.appendingPathComponent("other").path]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("other").path), "a dry run creates nothing")
    }

    func testNothingToTrainOnAndUnreadableFilesExitLikeTheOtherCommands() throws {
        XCTAssertEqual(try sohoa(["train"]).status, 64, "nothing to train on")
        XCTAssertEqual(try sohoa(["train", "--labels", folder.url.appendingPathComponent("none.jsonl").path]).status, 2)
        XCTAssertEqual(try sohoa(["train", "--generated", "1", "--evaluate-on", folder.url.path]).status, 64, "--truth missing")
        XCTAssertEqual(try sohoa(["train", "--generated", "1", "--evaluate-on", folder.url.appendingPathComponent("none").path,
                                  "--truth", truth.path]).status, 2)
        XCTAssertNil(try Archive(directory: folder.url).currentTypeModel(), "nothing stored when the evaluation cannot run")
        XCTAssertEqual(try SohoaBinary.run(["train", "--labels", truth.path, "--archive", folder.url.appendingPathComponent("nowhere").path]).status, 2,
                       "no archive to label")
    }
}
