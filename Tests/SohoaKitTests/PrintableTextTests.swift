import DocumentSynth
import Foundation
import Pipeline
import SohoaKit
import SohoaTesting
import XCTest

/// Names with control characters stay on one line wherever a person reads them, and stay
/// exact where a script reads them.
final class PrintableTextTests: XCTestCase {
    func testControlCharactersAreWrittenAsEscapes() {
        XCTAssertEqual("Hộp 01/Tờ trình.pdf".printable, "Hộp 01/Tờ trình.pdf")
        XCTAssertEqual("a\nb\tc\rd".printable, "a\\nb\\tc\\rd")
        XCTAssertEqual("x\u{1B}[31my\u{7F}\u{85}\u{2028}".printable, "x\\u{1B}[31my\\u{7F}\\u{85}\\u{2028}")
        XCTAssertEqual("C:\\scan\n".printable, "C:\\\\scan\\n", "a backslash is doubled, so an escape is never ambiguous")
    }

    func testASourceInALegacyEncodingIsPrintedWithItsReading() {
        // "Quyết.pdf" in CP1258 bytes, as `source` keeps them.
        XCTAssertEqual("Hộp 1/Quy%EA%ECt.pdf".printableSource, "Hộp 1/Quy%EA%ECt.pdf (Hộp 1/Quyết.pdf)")
        XCTAssertEqual("Hộp 1/Tờ trình\n.pdf".printableSource, "Hộp 1/Tờ trình\\n.pdf")
    }

    func testAFileNamedWithANewlineIsOneLineInTheSummaryAndExactInJSON() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: 61)
        try DocumentRenderer.writePDF(factory.make(.congVan), to: inputs.appendingPathComponent("công\nvăn.pdf"))
        try Data("broken".utf8).write(to: inputs.appendingPathComponent("hỏng\t1.pdf"))
        let workspace = Workspace(archivePath: folder.url.appendingPathComponent("archive").path)
        let lines = LinesSeen()
        let report = try IngestRequest(path: inputs.path).run(in: workspace) { lines.append(ProgressLine($0).text) }

        XCTAssertEqual(report.stored, 1)
        XCTAssertTrue(report.summaryText.contains("  hỏng\\t1.pdf: "), report.summaryText)
        XCTAssertTrue(lines.all.contains { $0.contains("stored     công\\nvăn.pdf  (1 page") }, "\(lines.all)")
        XCTAssertTrue(lines.all.allSatisfy { !$0.contains("\n") && !$0.contains("\t") })
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.jsonLine.utf8)) as? [String: Any])
        let failures = try XCTUnwrap(json["failures"] as? [[String: String]])
        XCTAssertEqual(failures.first?["source"], "hỏng\t1.pdf", "JSON keeps the name exact")

        let status = try workspace.openExistingArchive().existingBatchStatus(batchRoot: nil)
        XCTAssertTrue(status.text.contains("  hỏng\\t1.pdf: "), status.text)
    }
}

/// Progress lines, collected from the batch's threads.
private final class LinesSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
