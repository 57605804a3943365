import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import XCTest
@testable import ArchiveStore

/// Learned type models kept in the archive, version after version, and what they learn from.
class TypeModelStoreTests: ArchiveBackendTestCase {

    private func examples(_ types: [DocumentType], perType: Int, seed: UInt64) -> [TypeModel.Example] {
        var factory = DocumentFactory(seed: seed)
        return (0..<perType).flatMap { _ in
            types.map { type in
                (factory.make(type).pageTexts.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer) }, type)
            }
        }
    }

    private func newDocument(_ index: Int, type: DocumentType, modelVersion: Int? = nil) -> NewDocument {
        var metadata = DocumentMetadata()
        metadata.docType = type
        let sha = SHA256(rawValue: String(format: "%016x", index + 1) + String(repeating: "0", count: 48))!
        var reread = PageCleanupReport(deskewDegrees: 1.5)
        reread.sealsLifted = 1
        reread.sealNamesReread = 1
        return NewDocument(batchRoot: "/kho", source: "hop/\(index).pdf", sha256: sha, originalPath: "originals/\(sha).pdf",
                           byteCount: 1, mediaType: "application/pdf",
                           pages: [RecognizedPage(number: 1, text: "trang \(index)", source: .ocr, confidence: 80),
                                   RecognizedPage(number: 2, text: "tiếp \(index)", source: .ocr, confidence: 70, cleanup: reread)],
                           metadata: metadata, modelVersion: modelVersion)
    }

    func testEveryTrainingAddsAVersionAndTheNewestIsCurrent() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            XCTAssertNil(try archive.currentTypeModel())
            let first = TypeModel.train(examples([.quyetDinh, .keHoach], perType: 2, seed: 1))
            let second = TypeModel.train(examples([.quyetDinh, .keHoach, .baoCao], perType: 2, seed: 2))
            XCTAssertEqual(try archive.saveTypeModel(first, sources: ["generated": 4]), 1)
            XCTAssertEqual(try archive.currentTypeModel()?.version, 1)
            XCTAssertEqual(try archive.saveTypeModel(second, sources: ["generated": 6]), 2)

            let (version, current) = try XCTUnwrap(archive.currentTypeModel())
            XCTAssertEqual(version, 2)
            XCTAssertEqual(current.classes, [.quyetDinh, .keHoach, .baoCao])
            let probe = examples([.baoCao], perType: 1, seed: 3)[0].pages
            XCTAssertEqual(current.predict(probe), second.predict(probe))
            let rows = try archive.database.prepare("SELECT version, examples, classes, sources FROM type_models ORDER BY version")
                .rows { [String($0.int("version")), String($0.int("examples")), $0.text("classes"), $0.text("sources")] }
            XCTAssertEqual(rows, [["1", "4", #"{"ke_hoach":2,"quyet_dinh":2}"#, #"{"generated":4}"#],
                                  ["2", "6", #"{"bao_cao":2,"ke_hoach":2,"quyet_dinh":2}"#, #"{"generated":6}"#]],
                           "older versions are kept")
        }
    }

    func testADamagedModelIsReportedNotIgnored() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            try archive.saveTypeModel(TypeModel.train(examples([.quyetDinh, .keHoach], perType: 1, seed: 1)), sources: [:])
            try archive.database.prepare("UPDATE type_models SET model = ?").bind([.blob(Data("{}".utf8))]).run()
            XCTAssertThrowsError(try archive.currentTypeModel()) { error in
                XCTAssertTrue("\(error)".contains("type model version 1 cannot be read"), "\(error)")
            }
        }
    }

    func testADocumentRecordsTheModelVersionThatVotedOnIt() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            let version = try archive.saveTypeModel(TypeModel.train(examples([.quyetDinh, .keHoach], perType: 1, seed: 1)), sources: [:])
            try archive.store(contentsOf: [newDocument(0, type: .keHoach, modelVersion: version), newDocument(1, type: .baoCao)])
            let recorded = try archive.database.prepare("SELECT model_version FROM documents ORDER BY id").rows { $0.optionalInt("model_version") }
            XCTAssertEqual(Set(recorded.map { $0 ?? 0 }), [version, 0])
        }
    }

    func testStoredDocumentsAndTheirPagesAsTrainingReadsThem() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            let ids = try archive.store(contentsOf: [newDocument(0, type: .keHoach), newDocument(1, type: .baoCao)])
            XCTAssertEqual(try archive.storedDocumentSources().map(\.source), ["hop/0.pdf", "hop/1.pdf"])
            XCTAssertEqual(try archive.storedDocumentSources().map(\.id), ids)
            let pages = try archive.recognizedPages(of: ids[1], visibleTo: .unrestricted)
            XCTAssertEqual(pages.map(\.text), ["trang 1", "tiếp 1"])
            XCTAssertEqual(pages.map(\.confidence), [80, 70])
            XCTAssertEqual(pages.map(\.source), [.ocr, .ocr])
            // What clean-up did reaches the classifier again: a name taken from another
            // reading under a seal is named for review when the archive is reclassified.
            XCTAssertEqual(pages.map { $0.cleanup?.sealNamesReread }, [nil, 1])
            XCTAssertEqual(pages.last?.cleanup?.deskewDegrees, 1.5)
        }
    }

    func testCorrectedTypesAreTheLatestPerDocument() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            let ids = try archive.store(contentsOf: [newDocument(0, type: .keHoach), newDocument(1, type: .baoCao)])
            XCTAssertTrue(try archive.correctedTypes().isEmpty, "nobody corrected anything yet")
            func correct(_ id: DocumentID, _ values: [MetadataField: String], by person: String) throws {
                try archive.correct(id, MetadataCorrection(values: values, cleared: [], correctedBy: person, note: nil, keepsReview: false), visibleTo: .unrestricted)
            }
            try correct(ids[0], ["doc_type": "to_trinh"], by: "lan")
            try correct(ids[0], ["doc_type": "bao_cao"], by: "minh")
            try correct(ids[0], ["number": "1/BC"], by: "minh")
            try correct(ids[1], ["signer": "Lê Văn A"], by: "lan")
            let corrected = try archive.correctedTypes()
            XCTAssertEqual(corrected.map(\.id), [ids[0]])
            XCTAssertEqual(corrected.map(\.type), ["bao_cao"])
        }
    }
}
