import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import Pipeline
import PostgresArchive
import SohoaTesting
import XCTest
@testable import SohoaKit

/// What the web app may do for each user, on an archive made by a real ingest: a scanned
/// PDF (OCR, word boxes, a searchable copy) marked Mật, and an open text-layer PDF.
final class ReadingRoomTests: XCTestCase {
    /// One batch for the whole class: OCR takes seconds, and no test writes to it but the
    /// ones that say so, on documents of their own.
    private nonisolated(unsafe) static var batch: BatchFixture!
    private nonisolated(unsafe) static var classified: DocumentID!
    private nonisolated(unsafe) static var open: DocumentID!
    private nonisolated(unsafe) static var classifiedNumber = ""

    override class func setUp() {
        super.setUp()
        do {
            let batch = try BatchFixture()
            var factory = DocumentFactory(seed: 77)
            let scan = factory.make(.congVan)
            try batch.addScannedPDF("hop/scan.pdf", scan, dpi: 200)
            try batch.addTextPDF("hop/text.pdf", factory.make(.thongBao))
            _ = try batch.ingest()
            let rows = try batch.export()
            classified = DocumentID(rows["hop/scan.pdf"]!["id"] as! String)
            open = DocumentID(rows["hop/text.pdf"]!["id"] as! String)
            let archive = try batch.openArchive()
            let marking = MetadataCorrection(values: [.secrecy: "mat"], cleared: [], correctedBy: "setup", note: nil, keepsReview: true)
            try archive.correct(classified, marking, visibleTo: .unrestricted)
            classifiedNumber = try archive.document(id: classified, visibleTo: .unrestricted)?.metadata[.number] ?? ""
            self.batch = batch
        } catch {
            XCTFail("cannot make the archive: \(error)")
        }
    }

    override class func tearDown() {
        batch = nil
        super.tearDown()
    }

    private func room(_ role: Role, _ clearance: Clearance) throws -> ReadingRoom {
        let user = UserAccount(name: UserName(rawValue: "\(role.rawValue)-\(clearance.rawValue)".replacingOccurrences(of: "_", with: "."))!,
                               role: role, clearance: clearance, createdAt: "")
        return ReadingRoom(archive: try Self.batch.openArchive(), user: user, configuration: Self.batch.configuration, client: "10.0.0.1")
    }

    private func kind(_ body: () throws -> Void) -> CommandFailure.Kind? {
        do {
            try body()
            return nil
        } catch {
            return (error as? CommandFailure)?.kind
        }
    }

    func testADocumentAboveTheClearanceIsNotFoundByAnyPath() throws {
        let reader = try room(.archivist, .none)
        let id = try XCTUnwrap(Self.classified)
        let paths: [(String, () throws -> Void)] = [
            ("document", { _ = try reader.document(id) }),
            ("record", { _ = try reader.record(id) }),
            ("page view", { _ = try reader.pageView(of: id, page: 1) }),
            ("page image", { _ = try reader.pageImage(of: id, page: 1, width: 1_400) }),
            ("original", { _ = try reader.original(of: id) }),
            ("searchable PDF", { _ = try reader.searchablePDF(of: id) }),
            ("similar", { _ = try reader.similar(to: id) }),
            ("corrections", { _ = try reader.corrections(of: id) }),
            ("field crop", { _ = try reader.fieldCrop(of: id, field: .number) }),
            ("correct", { var request = CorrectionRequest(id: id); request.values = [.place: "Huế"]; _ = try reader.correct(request) }),
        ]
        for (path, attempt) in paths {
            XCTAssertEqual(kind(attempt), .notFound, path)
        }
        var search = SearchRequest(text: Self.classifiedNumber)
        XCTAssertFalse(try reader.search(search).results.hits.contains { $0.id == id }, "not by its number")
        search = SearchRequest(text: "")
        search.secrecy = ["mat"]
        XCTAssertEqual(try reader.search(search).facets?.total, 0, "nor counted")
        XCTAssertFalse(try reader.reviewQueue(limit: 100).contains { $0.id == id }, "nor queued")
        XCTAssertFalse(try reader.similar(to: Self.open).contains { $0.id == id }, "nor similar to another")

        let cleared = try room(.reader, .mat)
        XCTAssertEqual(try cleared.document(id).id, id)
        XCTAssertTrue(try cleared.search(SearchRequest(text: Self.classifiedNumber)).results.hits.contains { $0.id == id })
    }

    func testRolesBoundWhatEachUserMayDo() throws {
        let reader = try room(.reader, .tuyetMat)
        XCTAssertEqual(kind { _ = try reader.reviewQueue(limit: 10) }, .forbidden)
        XCTAssertEqual(kind { var request = CorrectionRequest(id: Self.open); request.values = [.place: "Huế"]; _ = try reader.correct(request) },
                       .forbidden)
        XCTAssertEqual(kind { _ = try reader.batches() }, .forbidden)
        XCTAssertEqual(kind { _ = try reader.fieldCrop(of: Self.open, field: .number) }, .forbidden)
        XCTAssertEqual(kind { _ = try reader.auditLog(limit: 10) }, .forbidden)
        let archivist = try room(.archivist, .none)
        XCTAssertNoThrow(try archivist.reviewQueue(limit: 10))
        XCTAssertEqual(try archivist.batches().count, 1)
        XCTAssertEqual(kind { _ = try archivist.auditLog(limit: 10) }, .forbidden)
        XCTAssertEqual(kind { _ = try archivist.accounts() }, .forbidden)
        XCTAssertNoThrow(try room(.admin, .none).auditLog(limit: 10))
    }

    func testPagesAreServedAsImagesWithTheirWordBoxes() throws {
        let room = try room(.reader, .mat)
        let view = try room.pageView(of: Self.classified, page: 1)
        XCTAssertGreaterThan(view.width, 0)
        XCTAssertGreaterThan(view.words.count, 20, "OCR's words")
        XCTAssertTrue(view.words.allSatisfy { $0.left >= 0 && $0.right <= view.width && $0.top >= 0 && $0.bottom <= view.height })
        let image = try room.pageImage(of: Self.classified, page: 1, width: 1_000)
        XCTAssertEqual(image.mediaType, "image/jpeg")
        let header = try PageImage.jpegHeader(image.data)
        XCTAssertEqual(header.width, 1_400, "the nearest of the widths served")
        XCTAssertEqual(Double(header.height) / Double(header.width), Double(view.height) / Double(view.width), accuracy: 0.01,
                       "the image has the frame's proportions, so boxes land on their words")
        let thumbnail = try PageImage.jpegHeader(room.pageImage(of: Self.classified, page: 1, width: 200).data)
        XCTAssertEqual(thumbnail.width, 240)
        XCTAssertEqual(kind { _ = try room.pageImage(of: Self.classified, page: 9, width: 240) }, .notFound)

        let textView = try room.pageView(of: Self.open, page: 1)
        XCTAssertGreaterThan(textView.words.count, 20, "a text layer's words, from the PDF")
        XCTAssertEqual(textView.width, 595, accuracy: 1, "in points of an A4 page")
    }

    func testTheReviewDeskCropsTheFieldWhereItWasRead() throws {
        let room = try room(.archivist, .mat)
        let page = try PageImage.jpegHeader(room.pageImage(of: Self.classified, page: 1, width: 1_400).data)
        let crop = try PageImage.jpegHeader(room.fieldCrop(of: Self.classified, field: .number).data)
        XCTAssertLessThan(crop.width * crop.height, page.width * page.height / 4, "a crop, not the page")
        let signer = try PageImage.jpegHeader(room.fieldCrop(of: Self.classified, field: .signer).data)
        XCTAssertGreaterThan(signer.width, 0)
    }

    func testDownloadsOfClassifiedDocumentsAreAudited() throws {
        let room = try room(.reader, .mat)
        let original = try room.original(of: Self.classified)
        XCTAssertEqual(original.fileName, "scan.pdf")
        XCTAssertEqual(try Data(contentsOf: original.file).prefix(5), Data("%PDF-".utf8))
        XCTAssertEqual(try room.searchablePDF(of: Self.classified).mediaType, "application/pdf")
        XCTAssertEqual(kind { _ = try room.searchablePDF(of: Self.open) }, .notFound, "a text-layer PDF has no copy")
        _ = try room.original(of: Self.open)
        let log = try Self.batch.openArchive().auditLog(limit: 100).filter { $0.kind == .classifiedDownload && $0.actor == room.user.name.rawValue }
        XCTAssertEqual(Set(log.compactMap(\.detail)), ["original, mat", "searchable_pdf, mat"], "the open one is not logged")
        XCTAssertTrue(log.allSatisfy { $0.subject == Self.classified.rawValue && $0.client == "10.0.0.1" })
    }

    func testABatchStartsOnlyUnderTheConfiguredRoots() throws {
        let roots = try TemporaryFolder()
        let inside = roots.url.appendingPathComponent("kho-1")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let elsewhere = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(at: roots.url.appendingPathComponent("loi-ra"), withDestinationURL: elsewhere.url)
        var configuration = Self.batch.configuration
        let user = UserAccount(name: UserName(rawValue: "lan")!, role: .archivist, clearance: .none, createdAt: "")
        let noRoots = ReadingRoom(archive: try Self.batch.openArchive(), user: user, configuration: configuration, client: nil)
        XCTAssertEqual(kind { _ = try noRoots.startBatch(folder: inside.path, executable: SohoaBinary.url, configurationFile: nil, location: .folder(Self.batch.archive.url)) }, .forbidden)
        configuration.server.ingestRoots = [roots.url.path]
        let room = ReadingRoom(archive: try Self.batch.openArchive(), user: user, configuration: configuration, client: nil)
        for refused in [elsewhere.url.path, roots.url.appendingPathComponent("loi-ra").path, inside.path + "/../../",
                        roots.url.path + "-khac", "relative/path", ""] {
            XCTAssertEqual(kind { _ = try room.startBatch(folder: refused, executable: SohoaBinary.url, configurationFile: nil, location: .folder(Self.batch.archive.url)) }, .forbidden, refused)
        }
        let reader = ReadingRoom(archive: try Self.batch.openArchive(), user: UserAccount(name: UserName(rawValue: "minh")!, role: .reader,
                                                                                            clearance: .none, createdAt: ""),
                                 configuration: configuration, client: nil)
        XCTAssertEqual(kind { _ = try reader.startBatch(folder: inside.path, executable: SohoaBinary.url, configurationFile: nil, location: .folder(Self.batch.archive.url)) }, .forbidden)
    }

    /// On a server archive the web app starts the same `sohoa ingest`, naming the archive by
    /// its address without the password, which the process finds in its environment.
    func testABatchStartsOnAServerArchive() throws {
        let address = try PostgresAddress(parsing: TestPostgres.shared().freshDatabase())
        let password = try XCTUnwrap(address.password)
        let files = try TemporaryFolder(), roots = try TemporaryFolder()
        let folder = roots.url.appendingPathComponent("kho-2")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: 33)
        let input = folder.appendingPathComponent("cong-van.pdf")
        try DocumentRenderer.writePDF(factory.make(.congVan), to: input)
        let location = ArchiveLocation.postgres(address, files: files.url)
        XCTAssertFalse(location.commandLine.arguments.joined(separator: " ").contains(password), "no password on a command line")
        XCTAssertEqual(location.commandLine.environment, ["PGPASSWORD": password])

        var configuration = Self.batch.configuration
        configuration.server.ingestRoots = [roots.url.path]
        let user = UserAccount(name: UserName(rawValue: "lan")!, role: .archivist, clearance: .none, createdAt: "")
        let archive = try location.open()
        let room = ReadingRoom(archive: archive, user: user, configuration: configuration, client: nil)
        // While another batch of the folder runs (its lock held), none is started; the
        // lock goes with that batch's connection.
        do {
            let otherStation = try location.open()
            try otherStation.holdBatchLock(for: folder.resolvingSymlinksInPath().path)
            withExtendedLifetime(otherStation) {
                XCTAssertEqual(kind { _ = try room.startBatch(folder: folder.path, executable: SohoaBinary.url, configurationFile: nil,
                                                              location: location) }, .badUsage)
            }
        }
        XCTAssertTrue(try archive.auditLog(limit: 10).filter { $0.kind == .batchStarted }.isEmpty)
        XCTAssertEqual(try room.startBatch(folder: folder.path, executable: SohoaBinary.url, configurationFile: nil, location: location).folder,
                       folder.resolvingSymlinksInPath().path)
        let sha = try Fingerprint.sha256(of: input)
        let deadline = Date().addingTimeInterval(120)
        while try archive.documentID(forSHA256: sha) == nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertNotNil(try archive.documentID(forSHA256: sha), "the batch started from the web stored the document")
        XCTAssertEqual(try archive.auditLog(limit: 10).filter { $0.kind == .batchStarted }.map(\.subject), [folder.resolvingSymlinksInPath().path])
    }
}

/// `sohoa serve` and `sohoa ingest` on one archive at once: each document is found by the
/// reading room as soon as its batch reports it stored, through a connection of its own.
final class ServeWhileIngestingTests: XCTestCase {
    func testEachStoredDocumentIsFoundWhileTheBatchRuns() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 91)
        var written: [String: String] = [:]
        for index in 0..<4 {
            let document = factory.make([DocumentType.congVan, .quyetDinh, .baoCao, .toTrinh][index])
            try batch.addTextPDF("hop/\(index).pdf", document)
            written["hop/\(index).pdf"] = document.metadata.number
        }
        let numbers = written
        let user = UserAccount(name: UserName(rawValue: "lan")!, role: .reader, clearance: .none, createdAt: "")
        let archiveFolder = batch.archive.url, configuration = batch.configuration
        let seen = LockedList()
        let report = try BatchIngestor(configuration: configuration, archive: .folder(archiveFolder))
            .ingest(folder: batch.inputs.url) { event in
                guard case .stored(let id, _) = event.outcome, let number = numbers[event.source],
                      let archive = try? Archive(directory: archiveFolder) else { return }
                let reader = ReadingRoom(archive: archive, user: user, configuration: configuration, client: nil)
                let found = (try? reader.search(SearchRequest(text: number)).results.hits.first?.id) ?? nil
                seen.append(found == id && (try? reader.document(id)) != nil)
            }
        XCTAssertEqual(report.counts.stored, 4)
        XCTAssertEqual(seen.values, [true, true, true, true])
    }
}

/// A list several threads append to.
private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Bool] = []

    func append(_ value: Bool) { lock.withLock { list.append(value) } }
    var values: [Bool] { lock.withLock { list } }
}
