import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import Pipeline
import SohoaKit
import SohoaTesting
import XCTest

/// The commands' logic, run in process on an archive made by a real ingest of generated
/// text-layer PDFs (poppler and SQLite, no OCR needed): what the command line and the web
/// server both call.
final class CommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    private var folder: URL { temporary.url }
    private var workspace: Workspace!
    private var documents: [String: SyntheticDocument] = [:]

    override func setUpWithError() throws {
        temporary = try TemporaryFolder()
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: 41)
        for type in [DocumentType.quyetDinh, .congVan, .toTrinh] {
            let document = factory.make(type)
            let name = "\(type.rawValue).pdf"
            try DocumentRenderer.writePDF(document, to: inputs.appendingPathComponent(name))
            documents[name] = document
        }
        try Data("not a document".utf8).write(to: inputs.appendingPathComponent("notes.pdf"))
        workspace = Workspace(archivePath: folder.appendingPathComponent("archive").path)
    }

    @discardableResult
    private func ingest() throws -> IngestReport {
        try IngestRequest(path: folder.appendingPathComponent("inputs").path).run(in: workspace)
    }

    private func id(of name: String) throws -> DocumentID {
        let number = try XCTUnwrap(documents[name]?.metadata.number)
        var request = SearchRequest(text: number)
        request.limit = 1
        return try XCTUnwrap(request.run(on: workspace.openExistingArchive(), visibleTo: .unrestricted).results.hits.first?.id)
    }

    func testAMissingArchiveIsUnusableAndSaysWhere() {
        let missing = Workspace(archivePath: folder.appendingPathComponent("nowhere").path)
        XCTAssertThrowsError(try missing.openExistingArchive()) { error in
            let failure = error as? CommandFailure
            XCTAssertEqual(failure?.kind, .unusable)
            XCTAssertEqual(failure?.exitCode, 2)
            XCTAssertTrue(failure?.description.hasPrefix("sohoa: no archive at ") == true, "\(error)")
        }
    }

    func testIngestReportsEachInputAndAFailureIsTheBatchsOutcome() throws {
        let report = try ingest()
        XCTAssertEqual(report.stored, 3)
        XCTAssertEqual(report.failures.map(\.source), ["notes.pdf"])
        XCTAssertEqual(report.failureKind, .inputsFailed)
        XCTAssertEqual(report.failureKind?.exitCode, 1)
        XCTAssertTrue(report.summaryText.contains("Stored 3, duplicates 0, already ingested 0, failed 1."), report.summaryText)
        XCTAssertTrue(report.summaryText.contains("  notes.pdf: "), report.summaryText)
        let again = try ingest()
        XCTAssertEqual(again.alreadyIngested, 3, "a second run stores nothing twice")
    }

    func testSearchFindsANumberAndChecksWhatItIsGiven() throws {
        try ingest()
        let archive = try workspace.openExistingArchive()
        let name = "to_trinh.pdf"
        let number = try XCTUnwrap(documents[name]?.metadata.number)
        let found = try SearchRequest(text: number).run(on: archive, visibleTo: .unrestricted)
        XCTAssertEqual(found.results.hits.first?.source, name)
        XCTAssertTrue(HitList(found.results, query: number).text.hasPrefix("1. \(try id(of: name))  \(name)"))

        var unknownType = SearchRequest(text: "")
        unknownType.docTypes = ["no_such_type"]
        XCTAssertTrue(try unknownType.run(on: archive, visibleTo: .unrestricted).results.hits.isEmpty, "a code no document has matches nothing")

        var badSort = SearchRequest(text: "x")
        badSort.sort = "sideways"
        XCTAssertEqual(badSort.problem, "--sort must be relevance, newest or oldest")
        var badDate = SearchRequest(text: "x")
        badDate.from = "2019-13-01"
        XCTAssertEqual(badDate.problem, "'2019-13-01' is not a date as yyyy-mm-dd")

        XCTAssertThrowsError(try SearchRequest(text: "quyết\u{07}định").run(on: archive, visibleTo: .unrestricted)) { error in
            XCTAssertEqual((error as? CommandFailure)?.exitCode, 64)
            XCTAssertEqual((error as? CommandFailure)?.command, "search")
        }
    }

    func testAnUnknownIdIsNotFoundEverywhere() throws {
        try ingest()
        let archive = try workspace.openExistingArchive()
        let unknown = DocumentID("0000000000000000")
        for attempt in [{ _ = try archive.existingDocument(unknown, visibleTo: .unrestricted) },
                        { _ = try archive.correctionHistory(of: unknown, visibleTo: .unrestricted) },
                        { var request = CorrectionRequest(id: unknown); request.values = [.place: "Huế"]; request.correctedBy = "A"
                          _ = try request.run(on: archive, visibleTo: .unrestricted) }] {
            XCTAssertThrowsError(try attempt()) { error in
                XCTAssertEqual(error as? CommandFailure, CommandFailure(.notFound, "no document with id 0000000000000000"))
            }
        }
    }

    func testACorrectionIsRecordedAndShownWithItsHistory() throws {
        try ingest()
        let archive = try workspace.openExistingArchive()
        let id = try id(of: "cong_van.pdf")
        var request = CorrectionRequest(id: id)
        request.values = [.agency: "  BAN QUẢN LÝ   DỰ ÁN THỬ NGHIỆM "]
        request.correctedBy = "Trần Thị Bình"
        request.note = "theo bản gốc"
        XCTAssertNil(request.problem)
        let outcome = try request.run(on: archive, visibleTo: .unrestricted)
        XCTAssertEqual(outcome.changes.map(\.field), [.agency])
        XCTAssertEqual(outcome.changes.first?.new, "BAN QUẢN LÝ DỰ ÁN THỬ NGHIỆM")
        XCTAssertTrue(outcome.text(id: id).hasPrefix("Corrected \(id) (by Trần Thị Bình, "), outcome.text(id: id))
        let sheet = try archive.existingDocument(id, visibleTo: .unrestricted).describe(archiveDirectory: archive.directory, includeText: false)
        XCTAssertTrue(sheet.contains("  agency             BAN QUẢN LÝ DỰ ÁN THỬ NGHIỆM"), sheet)
        XCTAssertTrue(sheet.contains("theo bản gốc"), sheet)
        XCTAssertEqual(try archive.correctionHistory(of: id, visibleTo: .unrestricted).map(\.correctedBy), ["Trần Thị Bình"])
        XCTAssertTrue(try request.run(on: archive, visibleTo: .unrestricted).changes.isEmpty, "the same values again change nothing")

        var invalid = CorrectionRequest(id: id)
        invalid.values = [.issuedDate: "2019-02-30"]
        invalid.correctedBy = "Trần Thị Bình"
        XCTAssertEqual(invalid.problem, "issued_date '2019-02-30': not a real date as yyyy-mm-dd")
        var unknownField = CorrectionRequest(id: id)
        unknownField.clearedNames = ["colour"]
        XCTAssertTrue(unknownField.problem?.hasPrefix("'colour' is not a field that can be corrected") == true)
    }

    func testEvaluationScoresTheArchiveAgainstATruthFile() throws {
        try ingest()
        let truth = folder.appendingPathComponent("truth.jsonl")
        let lines = documents.map { name, document in
            jsonText(["file": name, "doc_type": document.metadata.docType.rawValue, "number": document.metadata.number ?? NSNull()])
        }
        try Data((lines.sorted().joined(separator: "\n") + "\n").utf8).write(to: truth)
        for reclassify in [false, true] {
            var request = EvaluationRequest(truthFile: truth.path)
            request.reclassify = reclassify
            let report = try request.run(in: workspace)
            XCTAssertEqual(report.documents.matched, 3, "reclassify: \(reclassify)")
            XCTAssertEqual(report.fields.first { $0.field == "number" }?.exact, 3, "reclassify: \(reclassify)")
            XCTAssertTrue(EvaluationTable(report: report, listsMisses: true).text.contains("macro-F1"))
        }
        var both = EvaluationRequest(truthFile: truth.path)
        both.reclassify = true
        both.exportFile = truth.path
        XCTAssertThrowsError(try both.run(in: workspace)) { XCTAssertEqual(($0 as? CommandFailure)?.kind, .badUsage) }
        XCTAssertThrowsError(try EvaluationRequest(truthFile: folder.appendingPathComponent("none.jsonl").path).run(in: workspace)) {
            XCTAssertEqual(($0 as? CommandFailure)?.kind, .unusable)
        }
    }

    func testTrainingADryRunReportsAndStoresNothing() throws {
        var request = TrainingRequest()
        request.generatedPerType = 2
        request.dryRun = true
        let summary = try request.run(in: workspace)
        XCTAssertEqual(summary.version, nil)
        XCTAssertTrue(summary.text.contains("Not stored (--dry-run)."), summary.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("archive").path),
                       "a dry run into a new folder makes no archive")
        XCTAssertThrowsError(try TrainingRequest().run(in: workspace)) { error in
            XCTAssertEqual((error as? CommandFailure)?.kind, .badUsage)
            XCTAssertTrue((error as? CommandFailure)?.message.hasPrefix("nothing to train on") == true)
        }
    }

    func testStatusOfAnArchiveWithNoBatchIsNotFound() throws {
        var request = TrainingRequest()
        request.generatedPerType = 1
        _ = try request.run(in: workspace)
        XCTAssertThrowsError(try workspace.openExistingArchive().existingBatchStatus(batchRoot: nil)) {
            XCTAssertEqual(($0 as? CommandFailure)?.kind, .notFound)
        }
        try ingest()
        let status = try workspace.openExistingArchive().existingBatchStatus(batchRoot: nil)
        XCTAssertTrue(status.text.contains("3 stored"), status.text)
        XCTAssertEqual(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.jsonLine.utf8)) as? [String: Any])["stored"] as? Int, 3)
    }
}
