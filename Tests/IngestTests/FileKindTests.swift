import Foundation
import SohoaTesting
import XCTest
@testable import Ingest

final class FileKindTests: XCTestCase {
    func testSniffsByContentNotExtension() throws {
        XCTAssertEqual(FileKind.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])), .png)
        XCTAssertEqual(FileKind.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])), .jpeg)
        XCTAssertEqual(FileKind.sniff(Data("II*\0".utf8)), .tiff)
        XCTAssertEqual(FileKind.sniff(Data("MM\0*".utf8)), .tiff)
        XCTAssertEqual(FileKind.sniff(Data("%PDF-1.7\n".utf8)), .pdf)
        XCTAssertEqual(FileKind.sniff(Data("\u{FEFF}junk%PDF-1.4".utf8)), .pdf, "header may follow junk")
        XCTAssertNil(FileKind.sniff(Data("hello, world".utf8)))
    }

    func testEmptyAndForeignFilesGiveReasons() throws {
        let folder = try TemporaryFolder()
        let empty = folder.url.appendingPathComponent("empty.pdf")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        XCTAssertThrowsError(try FileKind.sniff(empty)) { XCTAssertEqual($0 as? InputError, .empty) }
        let text = folder.url.appendingPathComponent("notes.png")
        try Data("not an image".utf8).write(to: text)
        XCTAssertThrowsError(try FileKind.sniff(text)) { XCTAssertEqual($0 as? InputError, .notADocument) }
    }

    func testFinderWalksSortedSkipsHiddenAndSurvivesLinkLoops() throws {
        let folder = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(at: folder.url.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        for name in ["b/c/z.png", "a.pdf", ".DS_Store", "b/Quye\u{0302}\u{0301}t định.pdf"] {
            _ = fm.createFile(atPath: folder.url.appendingPathComponent(name).path, contents: Data([1]))
        }
        try fm.createSymbolicLink(atPath: folder.url.appendingPathComponent("b/c/loop").path, withDestinationPath: folder.url.path)
        let found = InputFinder(skipHidden: true).files(under: folder.url)
        XCTAssertEqual(found.files.map(\.source), ["a.pdf", "b/Quyết định.pdf", "b/c/z.png"])
        XCTAssertTrue(found.unreadable.isEmpty)
    }
}
