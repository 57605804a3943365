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

    /// A box is what is in the box: links leading inside it are followed, links leading out
    /// are reported with their target and never read, unless every link is to be followed.
    func testLinksLeadingOutOfTheFolderAreReportedNotFollowed() throws {
        let box = try TemporaryFolder(), elsewhere = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(at: box.url.appendingPathComponent("scans"), withIntermediateDirectories: true)
        _ = fm.createFile(atPath: box.url.appendingPathComponent("scans/a.png").path, contents: Data([1]))
        _ = fm.createFile(atPath: elsewhere.url.appendingPathComponent("b.png").path, contents: Data([2]))
        func link(_ name: String, to target: String) throws {
            try fm.createSymbolicLink(atPath: box.url.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try link("copy of a.png", to: "scans/a.png")
        try link("scans2", to: box.url.appendingPathComponent("scans").path)
        try link("passwd", to: "/etc/passwd")
        try link("other.png", to: elsewhere.url.appendingPathComponent("b.png").path)
        try link("other folder", to: elsewhere.url.path)
        try link("loop", to: ".")

        let inside = InputFinder().files(under: box.url)
        XCTAssertEqual(inside.files.map(\.source), ["copy of a.png", "scans/a.png"], "scans2 is scans, walked once")
        let outside = elsewhere.url.resolvingSymlinksInPath().path
        XCTAssertEqual(inside.unreadable.map(\.source), ["other folder", "other.png", "passwd"], "the loop leads inside: walked once")
        XCTAssertEqual(inside.unreadable.first { $0.source == "passwd" }?.reason,
                       "link leads outside the batch folder (/etc/passwd)")
        XCTAssertEqual(inside.unreadable.first { $0.source == "other.png" }?.reason,
                       "link leads outside the batch folder (\(outside)/b.png)")

        let always = InputFinder(followLinks: .always).files(under: box.url)
        XCTAssertEqual(always.files.map(\.source), ["copy of a.png", "other folder/b.png", "other.png", "passwd", "scans/a.png"])
        XCTAssertTrue(always.unreadable.isEmpty, "\(always.unreadable)")
    }

    /// A name that is not UTF-8 is reached through an alias that reads the original where it
    /// lies; the aliases go when what was found is let go.
    func testANameThatIsNotUTF8IsReadThroughAnAliasThatGoesAfterwards() throws {
        let folder = try TemporaryFolder()
        // "Tờ trình.pdf" in CP1258.
        let name: [UInt8] = [0x54, 0xF5, 0xCC, 0x20, 0x74, 0x72, 0x69, 0xCC, 0x6E, 0x68, 0x2E, 0x70, 0x64, 0x66]
        let path = (Array(folder.url.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
        let descriptor = open(path, O_CREAT | O_WRONLY, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(write(descriptor, "%PDF-1.4", 8), 8)
        close(descriptor)

        var found: FoundInputs? = InputFinder().files(under: folder.url)
        let file = try XCTUnwrap(found?.files.first)
        XCTAssertEqual(file.source, "T%F5%CC tri%CCnh.pdf")
        XCTAssertEqual(try Data(contentsOf: file.url), Data("%PDF-1.4".utf8), "the original, through its alias")
        let aliases = file.url.deletingLastPathComponent()
        XCTAssertFalse(aliases.path.hasPrefix(folder.url.path), "nothing is written beside the originals")
        found = nil
        XCTAssertNil(found)
        XCTAssertFalse(FileManager.default.fileExists(atPath: aliases.path))
    }
}
