import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest
@testable import ArchiveStore
@testable import Ingest
@testable import Pipeline

/// Hostile inputs and early stops: each ends as a clear reason or a clean, resumable stop,
/// and the batch goes on.
final class NothingLostTests: XCTestCase {
    func testPageOverTheDeadlineIsAbandonedAndTheBatchGoesOn() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 5)
        try DocumentRenderer.pageImages(factory.make(.congVan), dpi: 300)[0]
            .writePNG(to: batch.inputs.url.appendingPathComponent("slow.png").path)
        try DocumentRenderer.writePDF(factory.make(.thongBao), to: batch.inputs.url.appendingPathComponent("text.pdf"))
        batch.configuration.ocr.pageTimeoutSeconds = 0.01
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1)
        XCTAssertEqual(report.failures.map(\.source), ["slow.png"])
        XCTAssertEqual(report.failures.first?.reason,
                       "page 1: recognition abandoned after the 0.01 s deadline (ocr.page_timeout_seconds)")
    }

    func testPDFWithThousandsOfPagesIsStreamed() throws {
        let batch = try BatchFixture()
        try batch.add("so_luu_tru.pdf", data: HostileFiles.longPDF(pages: 2_000))
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1, "\(report.failures)")
        XCTAssertEqual(report.textLayerPages, 2_000)
        let row = try XCTUnwrap(try batch.export()["so_luu_tru.pdf"])
        XCTAssertEqual(row["pages"] as? Int, 2_000)
        let pages = try XCTUnwrap(row["text"] as? String).components(separatedBy: "\u{0C}")
        XCTAssertEqual(pages.count, 2_000)
        XCTAssertTrue(pages[1_999].contains("trang 2000"), pages[1_999])
    }

    func testTIFFWithHundredsOfPagesIsReadPageByPage() throws {
        let batch = try BatchFixture()
        // Small pages (a white slip with two dark rules) keep 300 OCR passes quick.
        let width = 320, height = 120
        var pixels = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        for y in [40, 41, 42, 80, 81] {
            for x in 30..<290 { pixels[y * width + x] = 0xFF00_0000 }
        }
        let page = try PageImage.grey(argb32: pixels.span, width: width, height: height, wordsPerRow: width, resolution: 300)
        try PageImage.writeTIFF(Array(repeating: page, count: 300), to: batch.inputs.url.appendingPathComponent("hop.tif").path)
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1, "\(report.failures)")
        XCTAssertEqual(report.ocrPages, 300)
        XCTAssertEqual(try batch.export()["hop.tif"]?["pages"] as? Int, 300)
    }

    /// Files edited or removed while the batch runs: the one removed is failed as vanished,
    /// the one edited is not stored with bytes other than those hashed, and the next run
    /// takes its new content — each path still appears once.
    func testFilesChangedOrRemovedDuringTheBatch() throws {
        let batch = try BatchFixture()
        batch.configuration.ocr.workers = 1
        var factory = DocumentFactory(seed: 17)
        for name in ["a.png", "b.png", "c.png"] {
            try DocumentRenderer.pageImages(factory.make(.thongBao), dpi: 100)[0]
                .writePNG(to: batch.inputs.url.appendingPathComponent(name).path)
        }
        let edited = batch.inputs.url.appendingPathComponent("b.png")
        let removed = batch.inputs.url.appendingPathComponent("c.png")
        let replacement = try DocumentRenderer.pageImages(factory.make(.toTrinh), dpi: 100)[0]
        // The store thread reports a.png before it reads b and c, which wait behind it.
        let report = try BatchIngestor(configuration: batch.configuration, archive: .folder(batch.archive.url))
            .ingest(folder: batch.inputs.url) { event in
                guard event.source == "a.png" else { return }
                try? replacement.writePNG(to: edited.path)
                try? FileManager.default.removeItem(at: removed)
            }
        let reasons = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.source, $0.reason) })
        XCTAssertEqual(report.stored, 1)
        XCTAssertEqual(reasons["b.png"], "could not be stored: the file changed while it was being read; the next run reads it again")
        XCTAssertEqual(reasons["c.png"], "file disappeared while the batch was running")

        let rerun = try batch.ingest()
        XCTAssertEqual(rerun.stored, 1, "b.png's new content: \(rerun.failures)")
        let export = try batch.export()
        XCTAssertEqual(export.count, 3)
        XCTAssertEqual(export["b.png"]?["status"] as? String, "ok")
        XCTAssertEqual(export["b.png"]?["sha256"] as? String, try Fingerprint.sha256(of: edited).rawValue)
        XCTAssertEqual(export["c.png"]?["status"] as? String, "failed")
    }

    func testVanishedFileIsNamedAsSuch() throws {
        let folder = try TemporaryFolder()
        XCTAssertThrowsError(try Fingerprint.sha256(ofInput: folder.url.appendingPathComponent("moved away.pdf"))) {
            XCTAssertEqual($0 as? InputError, .vanished)
            XCTAssertEqual("\($0)", "file disappeared while the batch was running")
        }
    }

    /// Root reads any file, so as root the real binary runs as `nobody` (through setpriv).
    func testUnreadableFileGivesThePermissionReason() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 61)
        let notice = factory.make(.thongBao)
        try batch.addTextPDF("secret.pdf", notice)
        try batch.addTextPDF("open.pdf", notice)
        chmod(batch.inputs.url.appendingPathComponent("secret.pdf").path, 0)
        let reason: String?
        if geteuid() == 0 {
            try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) is missing")
            try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: SohoaBinary.url.path), "build the sohoa binary first")
            try XCTSkipUnless(SohoaBinary.isReachableByAnyUser, "the build folder is not reachable by an unprivileged user")
            for folder in [batch.inputs.url, batch.archive.url] { chmod(folder.path, 0o777) }
            let result = try SohoaBinary.run(
                ["ingest", batch.inputs.url.path, "--archive", batch.archive.url.path, "--workers", "1", "--json", "--quiet"],
                as: "65534")
            XCTAssertEqual(result.status, 1, result.output)
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            XCTAssertEqual(report["duplicates"] as? Int, 0)
            XCTAssertEqual(report["stored"] as? Int, 1, "the readable copy is stored")
            reason = (report["failures"] as? [[String: String]])?.first { $0["source"] == "secret.pdf" }?["error"]
        } else {
            let report = try batch.ingest()
            reason = report.failures.first { $0.source == "secret.pdf" }?.reason
        }
        XCTAssertEqual(reason, "file cannot be read: Permission denied")
    }

    /// Too little disk: the batch stops before copying, says why, loses nothing, and the
    /// next run stores the document from the pages already recognised, without OCR.
    func testLowDiskStopsCleanlyAndTheNextRunResumesWithoutOCR() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 21)
        try DocumentRenderer.writeScannedPDF(factory.make(.baoCao, pages: 2), to: batch.inputs.url.appendingPathComponent("scan.pdf"), dpi: 150)
        batch.configuration.storage.minFreeMegabytes = Int.max / 1_000_000
        let stopped = try batch.ingest()
        XCTAssertEqual(stopped.stored, 0)
        XCTAssertEqual(stopped.unfinished, 1)
        XCTAssertTrue(stopped.stopReason?.contains("storage.min_free_megabytes") == true, stopped.stopReason ?? "no reason")
        let archive = try batch.openArchive()
        let status = try XCTUnwrap(archive.batchStatus())
        XCTAssertEqual(status.state, .stopped)
        XCTAssertEqual(status.unfinished, 1)
        XCTAssertEqual(try archive.verify().unknownFiles, [], "nothing was copied")

        batch.configuration.storage.minFreeMegabytes = 0
        let resumed = try batch.ingest()
        XCTAssertEqual(resumed.stored, 1, "\(resumed.failures)")
        XCTAssertEqual(resumed.ocrPages, 2)
        let attempts = try archive.database.prepare("SELECT attempts FROM input_pages ORDER BY number").rows { $0.int("attempts") }
        XCTAssertEqual(attempts, [1, 1], "each page was recognised once, in the first run")
        XCTAssertEqual(try archive.batchStatus()?.state, .finished)
    }

    /// A real full disk: the archive on a small tmpfs. The batch stops with a message, the
    /// archive stays intact, and once there is room the same batch completes.
    func testFullDiskStopsTheBatchWithoutDamageAndTheNextRunCompletes() throws {
        try XCTSkipUnless(geteuid() == 0, "mounting a small file system needs root")
        let batch = try BatchFixture()
        let mountPoint = batch.archive.url.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        try XCTSkipUnless(shell("/bin/mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint.path) == 0,
                          "this machine does not allow mounting a tmpfs")
        defer { _ = shell("/bin/umount", mountPoint.path) }
        for index in 1...6 {
            // Hex noise is 2 bytes per byte: each file is about 900 kB.
            try batch.add("bien_ban_\(index).pdf", data: HostileFiles.paddedTextPDF(
                text: "Bien ban hop so \(index) ve viec kiem ke tai lieu luu tru", padding: 450_000, seed: UInt64(index)))
        }
        batch.configuration.storage.minFreeMegabytes = 0
        let ingestor = BatchIngestor(configuration: batch.configuration, archive: .folder(mountPoint))

        let stopped = try ingestor.ingest(folder: batch.inputs.url)
        XCTAssertTrue(stopped.stopReason?.hasPrefix("the archive's disk is full") == true, stopped.stopReason ?? "did not stop")
        XCTAssertGreaterThan(stopped.unfinished, 0)
        XCTAssertLessThan(stopped.stored, 6)
        XCTAssertEqual(stopped.failures.count, 0, "a full disk is not the inputs' fault: \(stopped.failures)")
        let report = try Archive(directory: mountPoint).verify()
        XCTAssertTrue(report.isIntact, "\(report)")
        XCTAssertEqual(report.unknownFiles, [], "no half-copied original is left")

        XCTAssertEqual(shell("/bin/mount", "-o", "remount,size=64m", mountPoint.path), 0)
        let resumed = try ingestor.ingest(folder: batch.inputs.url)
        XCTAssertNil(resumed.stopReason)
        XCTAssertEqual(resumed.stored + stopped.stored, 6)
        XCTAssertEqual(resumed.alreadyIngested, stopped.stored)
        XCTAssertTrue(try Archive(directory: mountPoint).verify().isIntact)
    }

    private func shell(_ executable: String, _ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testStopRequestedBeforeTheBatchLeavesEverythingForTheNextRun() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 67)
        try batch.addTextPDF("a.pdf", factory.make(.thongBao))
        let stop = StopSignal()
        stop.request("interrupted by signal 2")
        let report = try BatchIngestor(configuration: batch.configuration, archive: .folder(batch.archive.url))
            .ingest(folder: batch.inputs.url, stop: stop)
        XCTAssertEqual(report.stopReason, "interrupted by signal 2")
        XCTAssertEqual(report.stored + report.failures.count, 0)
        XCTAssertEqual(try batch.ingest().stored, 1)
    }

    /// A page on which OCR began three times and the process died each time is given up
    /// with a reason, so that it cannot stop every run of the batch.
    func testPageThatKilledThreeRunsIsFailedWithAReason() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 3)
        let url = batch.inputs.url.appendingPathComponent("poison.pdf")
        try DocumentRenderer.writeScannedPDF(factory.make(.toTrinh, pages: 2), to: url, dpi: 100)
        let archive = try batch.openArchive()
        let root = batch.inputs.url.standardizedFileURL.resolvingSymlinksInPath().path
        let run = try archive.beginRun(batchRoot: root, inputsFound: 1)
        let input = try archive.beginInput(batchRoot: root, source: "poison.pdf", sha256: try Fingerprint.sha256(of: url), run: run)
        try archive.recordPageRendered(2, of: input)
        for _ in 0..<3 { try archive.recordPageStarted(2, of: input) }

        let report = try batch.ingest()
        XCTAssertEqual(report.failures.first?.reason,
                       "page 2: OCR started on this page 3 times and never finished (the process was killed or crashed on it)")
    }

    func testSecondBatchOnTheSameArchiveIsRefused() throws {
        let batch = try BatchFixture()
        let lock = try ArchiveLock(archiveDirectory: batch.archive.url)
        XCTAssertThrowsError(try batch.ingest()) { XCTAssertEqual($0 as? ArchiveError, .busy) }
        withExtendedLifetime(lock) {}
    }
}
