import Classifier
import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

/// The batch ledger, atomic originals and `verify`, on a real SQLite archive in a temporary folder.
class LedgerAndFixityTests: ArchiveBackendTestCase {

    private func write(_ text: String, to name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func page(_ number: Int, _ text: String) -> RecognizedPage {
        RecognizedPage(number: number, text: text, source: .ocr, confidence: 88,
                       words: [RecognizedWord(text: text, confidence: 88, left: 1, top: 2, right: 30, bottom: 12)],
                       width: 100, height: 140)
    }

    func testFingerprintIsSHA256() throws {
        let file = try write("abc", to: "abc")
        XCTAssertEqual(try Fingerprint.sha256(of: file), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertThrowsError(try Fingerprint.sha256(of: folder.appendingPathComponent("gone"))) {
            XCTAssertEqual(($0 as? FileReadError)?.code, ENOENT)
        }
    }

    func testOriginalWhoseBytesChangedSinceHashingIsNotStored() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder.appendingPathComponent("archive"))
            let file = try write("version 1", to: "scan.pdf")
            let sha = try Fingerprint.sha256(of: file)
            try Data("version 2, edited by someone during the batch".utf8).write(to: file)
            XCTAssertThrowsError(try archive.storeOriginal(at: file, sha256: sha, fileExtension: "pdf")) {
                XCTAssertEqual($0 as? ArchiveError, .changedWhileReading)
            }
            let report = try archive.verify()
            XCTAssertEqual(report.unknownFiles, [], "no temporary copy is left behind")
            let stored = try archive.storeOriginal(at: file, sha256: try Fingerprint.sha256(of: file), fileExtension: "pdf")
            XCTAssertEqual(try Data(contentsOf: archive.directory.appendingPathComponent(stored)), try Data(contentsOf: file))
        }
    }

    func testInterruptedInputResumesWithItsRecognisedPagesAndIsStoredOnce() throws {
        try onEveryBackend {
            let sha = SHA256(rawValue: String(repeating: "c", count: 64))!
            var archive: Archive? = try openArchive(in: folder)
            let run1 = try archive!.beginRun(batchRoot: "/batch", inputsFound: 1)
            let input1 = try archive!.beginInput(batchRoot: "/batch", source: "hộp 1/qd.pdf", sha256: sha, run: run1)
            for number in [1, 2] {
                try archive!.recordPageRendered(number, of: input1)
                try archive!.recordPageStarted(number, of: input1)
            }
            try archive!.recordPage(page(1, "QUYẾT ĐỊNH"), of: input1, seconds: 1.5)
            try archive!.recordPageRendered(3, of: input1)
            archive = nil  // the process dies here: page 2 was handed to OCR, never finished

            let reopened = try openArchive(in: folder)
            let work = try reopened.resumableWork(forSHA256: sha)
            XCTAssertEqual(work.recognised, [page(1, "QUYẾT ĐỊNH")], "word boxes come back with the page")
            XCTAssertEqual(work.startedAttempts, [2: 1, 3: 0], "page 3 was queued, OCR never began on it")
            let status = try XCTUnwrap(reopened.batchStatus())
            XCTAssertEqual(status.state, .interrupted)
            XCTAssertEqual(status.unfinished, 1)

            let run2 = try reopened.beginRun(batchRoot: "/batch", inputsFound: 1)
            let input2 = try reopened.beginInput(batchRoot: "/batch", source: "hộp 1/qd.pdf", sha256: sha, run: run2)
            XCTAssertEqual(input2, input1, "the same input keeps its ledger row")
            for number in [2, 3] {
                try reopened.recordPageRendered(number, of: input2)
                try reopened.recordPageStarted(number, of: input2)
            }
            try reopened.recordPage(page(2, "Điều 1"), of: input2, seconds: 1.2)
            try reopened.recordPage(page(3, "Điều 2"), of: input2, seconds: 1.1)
            var light = [page(1, "QUYẾT ĐỊNH"), page(2, "Điều 1"), page(3, "Điều 2")]
            for index in light.indices { light[index].words = [] }
            var metadata = DocumentMetadata()
            metadata.docType = .congVan
            let id = try reopened.store(NewDocument(
                batchRoot: "/batch", source: "hộp 1/qd.pdf", sha256: sha, originalPath: "originals/cc/x.pdf", byteCount: 9,
                mediaType: "application/pdf", pages: light, metadata: metadata, ledgerInput: input2))
            var counts = RunCounts()
            counts.stored = 1
            counts.ocrPages = 3
            try reopened.updateRun(run2, counts: counts, outcome: .finished)

            let stored = try XCTUnwrap(reopened.document(id: id, visibleTo: .unrestricted))
            let words = try reopened.database.prepare("SELECT \(reopened.database.dialect.jsonArrayLength("words")) AS words FROM pages ORDER BY number").rows { $0.int("words") }
            XCTAssertEqual(words, [1, 1, 1], "word boxes moved from the ledger")
            XCTAssertEqual(stored.pages.map(\.text), ["QUYẾT ĐỊNH", "Điều 1", "Điều 2"])
            let rows = try reopened.database.prepare("SELECT status, attempts FROM inputs").rows { "\($0.text("status")) \($0.int("attempts"))" }
            XCTAssertEqual(rows, ["ok 2"])
            let pages = try reopened.database.prepare("SELECT number, state, attempts, result IS NULL AS taken FROM input_pages ORDER BY number")
                .rows { "\($0.int("number")) \($0.text("state")) \($0.int("attempts")) \($0.int("taken"))" }
            XCTAssertEqual(pages, ["1 stored 1 1", "2 stored 2 1", "3 stored 1 1"],
                           "page 1 was recognised once; results are not kept twice")
            let after = try XCTUnwrap(reopened.batchStatus(batchRoot: "/batch"))
            XCTAssertEqual(after.state, .finished)
            XCTAssertEqual(after.unfinished, 0)
            XCTAssertEqual(after.counts.stored, 1)
            XCTAssertNil(after.secondsRemaining)
        }
    }

    func testVerifyFindsMissingChangedAndUnknownFilesAndTheSweepRemovesOnlyUnknownOnes() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder.appendingPathComponent("archive"))
            var metadata = DocumentMetadata()
            metadata.docType = .baoCao
            var paths: [String] = []
            for text in ["first", "second", "third"] {
                let file = try write(text, to: text)
                let sha = try Fingerprint.sha256(of: file)
                let path = try archive.storeOriginal(at: file, sha256: sha, fileExtension: "pdf")
                try archive.store(NewDocument(batchRoot: "/b", source: text, sha256: sha, originalPath: path, byteCount: 5,
                                              mediaType: "application/pdf", pages: [page(1, text)], metadata: metadata))
                paths.append(path)
            }
            XCTAssertTrue(try archive.verify().isIntact)
            let firstCheck = try archive.database.prepare("SELECT id, verified_at FROM documents ORDER BY rowid")
                .rows { ($0.text("id"), $0.optionalText("verified_at")) }
            XCTAssertTrue(firstCheck.allSatisfy { $0.1 != nil }, "an intact document is stamped verified")

            let orphan = try write("copied, never committed", to: "orphan")
            let orphanPath = try archive.storeOriginal(at: orphan, sha256: try Fingerprint.sha256(of: orphan), fileExtension: "png")
            let partial = "originals/ab/.abcdef.partial"
            try FileManager.default.createDirectory(at: archive.directory.appendingPathComponent("originals/ab"), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: archive.directory.appendingPathComponent(partial))
            try FileManager.default.removeItem(at: archive.directory.appendingPathComponent(paths[0]))
            try Data("bit rot".utf8).write(to: archive.directory.appendingPathComponent(paths[1]))

            var seen = 0
            let report = try archive.verify { done, total in
                seen = done
                XCTAssertEqual(total, 3)
            }
            XCTAssertEqual(seen, 3)
            XCTAssertEqual(report.checked, 3)
            XCTAssertEqual(report.missing, [paths[0]])
            XCTAssertEqual(report.changed, [paths[1]])
            XCTAssertEqual(Set(report.unknownFiles), [orphanPath, partial])
            XCTAssertTrue(report.databaseProblems.isEmpty)
            XCTAssertFalse(report.isIntact)
            let secondCheck = try archive.database.prepare("SELECT verified_at FROM documents ORDER BY rowid").rows { $0.optionalText("verified_at") }
            XCTAssertEqual(secondCheck[0], firstCheck[0].1, "a missing original keeps its last good date")
            XCTAssertEqual(secondCheck[1], firstCheck[1].1, "a changed one too")
            XCTAssertNotEqual(secondCheck[2], firstCheck[2].1, "the intact one is stamped again")
            XCTAssertEqual(try archive.database.prepare("SELECT intact FROM fixity_checks ORDER BY id").rows { $0.int("intact") }, [1, 0])

            // On a shared archive only copies silent for a lease go: a fresh one may be another
            // machine's, being made.
            let fresh = "originals/ab/.fedcba.partial"
            try Data("writing".utf8).write(to: archive.directory.appendingPathComponent(fresh))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -300)],
                                                  ofItemAtPath: archive.directory.appendingPathComponent(partial).path)
            XCTAssertEqual(archive.removeAbandonedCopies(silentFor: 120), [partial])
            XCTAssertTrue(FileManager.default.fileExists(atPath: archive.directory.appendingPathComponent(fresh).path))
            try Data("half".utf8).write(to: archive.directory.appendingPathComponent(partial))

            XCTAssertEqual(Set(try archive.removeUnknownFiles()), [orphanPath, partial, fresh])
            XCTAssertTrue(FileManager.default.fileExists(atPath: archive.directory.appendingPathComponent(paths[2]).path))
            XCTAssertEqual(try archive.verify().unknownFiles, [])
        }
    }

    func testOnlyOneBatchWritesAtATime() throws {
        let first = try ArchiveLock(archiveDirectory: folder)
        XCTAssertTrue(ArchiveLock.isHeld(archiveDirectory: folder))
        XCTAssertThrowsError(try ArchiveLock(archiveDirectory: folder)) { XCTAssertEqual($0 as? ArchiveError, .busy) }
        withExtendedLifetime(first) {}
    }

    func testLockIsReleasedWithItsOwner() throws {
        do { _ = try ArchiveLock(archiveDirectory: folder) }
        XCTAssertFalse(ArchiveLock.isHeld(archiveDirectory: folder))
        XCTAssertNoThrow(try ArchiveLock(archiveDirectory: folder))
    }
}
