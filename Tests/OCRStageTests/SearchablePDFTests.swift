import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest

/// Generated Vietnamese pages, recognised by Tesseract, written as searchable PDFs and read
/// back with poppler-utils, the way an archive's users will open them.
final class SearchablePDFTests: XCTestCase {
    static let dpi = 200

    /// One page: poppler opens it, finds the recognised words with their diacritics, and
    /// the page is the scan's size in points.
    func testOnePageIsSearchableWithDiacritics() throws {
        var factory = DocumentFactory(seed: 5)
        let (pages, recognised) = try recognise(factory.make(.quyetDinh))
        let pdf = try temporaryFile("quyet_dinh.pdf")
        try SearchablePDF.data(pages: pages, font: try font()).write(to: pdf)

        let info = try run("pdfinfo", pdf.path)
        XCTAssertEqual(info.stderr, "", "poppler complains")
        XCTAssertTrue(info.stdout.contains("Pages:           1"), info.stdout)
        let page = recognised[0]
        let size = "Page size:       \(points(page.width)) x \(points(page.height)) pts"
        XCTAssertTrue(info.stdout.contains(size), "expected \(size) in\n\(info.stdout)")

        let extracted = try text(of: pdf)
        let words = page.words.map(\.text).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let found = words.filter { extracted.contains($0) }
        XCTAssertGreaterThan(words.count, 50)
        XCTAssertEqual(found.count, words.count, "missing: \(Set(words).subtracting(found).sorted())")
        for letter in ["ệ", "Đ", "ư", "ả"] {
            let word = try XCTUnwrap(words.first { $0.contains(letter) }, "no recognised word with \(letter)")
            XCTAssertTrue(extracted.contains(word), word)
        }
        XCTAssertTrue(extracted.contains("QUYẾT ĐỊNH") || extracted.contains("CỘNG HÒA"), extracted)
    }

    /// Three pages streamed to a file: poppler sees three pages, each with its own words;
    /// the bytes are those of the in-memory writer, and the same on a second run.
    func testMultiPageFileIsDeterministic() throws {
        var factory = DocumentFactory(seed: 9)
        let (pages, recognised) = try recognise(factory.make(.congVan, pages: 3))
        XCTAssertEqual(pages.count, 3)
        let pdf = try temporaryFile("cong_van.pdf")
        let font = try font()
        let writer = try SearchablePDFWriter(path: pdf.path, font: font)
        for page in pages { try writer.append(page) }
        try writer.finish()
        XCTAssertFalse(FileManager.default.fileExists(atPath: pdf.path + ".partial"))

        let info = try run("pdfinfo", pdf.path)
        XCTAssertEqual(info.stderr, "")
        XCTAssertTrue(info.stdout.contains("Pages:           3"), info.stdout)
        for (index, page) in recognised.enumerated() {
            let extracted = try text(of: pdf, page: index + 1)
            let words = page.words.map(\.text).filter { $0.count > 3 }
            XCTAssertFalse(words.isEmpty)
            for word in words { XCTAssertTrue(extracted.contains(word), "page \(index + 1): \(word)") }
        }
        let bytes = try Data(contentsOf: pdf)
        XCTAssertEqual(bytes, try SearchablePDF.data(pages: pages, font: font))
        XCTAssertEqual(bytes, try SearchablePDF.data(pages: pages, font: font))
        print("searchable PDF sizes: 3 pages \(bytes.count) bytes, page 1 alone \(try SearchablePDF.data(pages: [pages[0]], font: font).count) bytes")
    }

    /// The parts PDF/A-2b asks for, read back as a validator would find them: the XMP
    /// packet naming part 2 and conformance B, an sRGB output intent whose ICC profile is a
    /// display profile of RGB, the font embedded, and the file identifier.
    func testItIsPDFA2b() throws {
        var factory = DocumentFactory(seed: 5)
        let (pages, _) = try recognise(factory.make(.thongBao))
        let pdf = try temporaryFile("thong_bao.pdf")
        try SearchablePDF.data(pages: pages, font: try font()).write(to: pdf)

        let metadata = try run("pdfinfo", "-meta", pdf.path).stdout
        XCTAssertTrue(metadata.contains("<pdfaid:part>2</pdfaid:part>"), metadata)
        XCTAssertTrue(metadata.contains("<pdfaid:conformance>B</pdfaid:conformance>"), metadata)
        let fonts = try run("pdffonts", pdf.path).stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        XCTAssertEqual(fonts.count, 1)
        XCTAssertEqual(fonts.first.map { Array($0.dropFirst(4).prefix(1)) }, ["yes"], "embedded: \(fonts)")

        let bytes = try Data(contentsOf: pdf)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"), "output intent")
        XCTAssertNotNil(text.range(of: #"/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]"#, options: .regularExpression), "file identifier")
        XCTAssertFalse(text.contains("/Encrypt") || text.contains("/SMask") || text.contains("/JavaScript"))
        // The profile's stream: its header gives its own length and says what it is.
        let opening = try XCTUnwrap(bytes.range(of: Data("/N 3 /Length ".utf8)))
        let digits = bytes[opening.upperBound...].prefix { (48...57).contains($0) }
        let length = try XCTUnwrap(Int(String(decoding: digits, as: UTF8.self)))
        let stream = try XCTUnwrap(bytes.range(of: Data(">>\nstream\n".utf8), in: opening.upperBound..<bytes.endIndex))
        let profile = Data(bytes[stream.upperBound..<(stream.upperBound + length)])
        XCTAssertEqual(profile.prefix(4).reduce(0) { $0 << 8 | Int($1) }, length, "the profile's size")
        XCTAssertEqual(String(decoding: profile[12..<24], as: UTF8.self), "mntrRGB XYZ ")
        XCTAssertEqual(String(decoding: profile[36..<40], as: UTF8.self), "acsp")
    }

    /// The invisible word lies where the scan shows it: poppler's box for a word is the
    /// recogniser's box scaled to points, within a point or two.
    func testWordBoxesMatchTheScan() throws {
        var factory = DocumentFactory(seed: 5)
        let (pages, recognised) = try recognise(factory.make(.quyetDinh))
        let pdf = try temporaryFile("boxes.pdf")
        try SearchablePDF.data(pages: pages, font: try font()).write(to: pdf)
        let html = try run("pdftotext", "-bbox", "-enc", "UTF-8", pdf.path, "-").stdout
        let boxes = popplerWordBoxes(html)

        let scale = 72.0 / Double(Self.dpi)
        let candidates = recognised[0].words.filter { $0.text.count >= 5 && $0.text.contains { "ệềếểễạảàáãơưđĐ".contains($0) } }
        XCTAssertGreaterThan(candidates.count, 3)
        for word in candidates.prefix(10) {
            let expected = [Double(word.left), Double(word.top), Double(word.right), Double(word.bottom)].map { $0 * scale }
            let box = try XCTUnwrap(
                boxes.filter { $0.text == word.text }.min { distance($0.box, expected) < distance($1.box, expected) },
                "poppler has no box for \(word.text)")
            for (got, want) in zip(box.box, expected) {
                XCTAssertEqual(got, want, accuracy: 2, "\(word.text): poppler \(box.box), scan \(expected)")
            }
        }
    }

    func testMissingFontIsAClearError() {
        XCTAssertThrowsError(try GlyphlessFont(tessdata: "/nonexistent")) { error in
            XCTAssertEqual(error as? SearchablePDFError, .fontMissing("/nonexistent/pdf.ttf"))
            XCTAssertTrue("\(error)".contains("tessdata"))
        }
    }

    // MARK: - Helpers

    private func recognise(_ document: SyntheticDocument) throws -> ([SearchablePDFPage], [RecognizedPage]) {
        let engine = try TesseractEngine(language: "vie")
        var pages: [SearchablePDFPage] = [], recognised: [RecognizedPage] = []
        for (index, image) in try DocumentRenderer.pageImages(document, dpi: Self.dpi).enumerated() {
            let page = try engine.recognize(image, pageNumber: index + 1)
            recognised.append(page)
            pages.append(try SearchablePDFPage(image: image, words: page.words))
        }
        return (pages, recognised)
    }

    private func font() throws -> GlyphlessFont {
        try GlyphlessFont(tessdata: TesseractEngine(language: "vie").dataPath)
    }

    /// Points as pdfinfo prints them (at most 3 decimals, trailing zeros dropped).
    private func points(_ pixels: Int) -> String {
        let value = Double(pixels) * 72 / Double(Self.dpi)
        var shown = String(format: "%.3f", value)
        while shown.hasSuffix("0") { shown.removeLast() }
        if shown.hasSuffix(".") { shown.removeLast() }
        return shown
    }

    private func text(of pdf: URL, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        let result = try run("pdftotext", range + ["-enc", "UTF-8", pdf.path, "-"])
        XCTAssertEqual(result.stderr, "")
        return result.stdout
    }

    private func popplerWordBoxes(_ html: String) -> [(text: String, box: [Double])] {
        let pattern = try! NSRegularExpression(
            pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let field = { (n: Int) in String(html[Range(match.range(at: n), in: html)!]) }
            return (unescapeHTML(field(5)), (1...4).map { Double(field($0))! })
        }
    }

    private func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    private func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.reduce(0, +)
    }

    private func run(_ tool: String, _ arguments: String...) throws -> (stdout: String, stderr: String) {
        try run(tool, arguments)
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let result = try ExternalTool.run(tool, arguments)
        XCTAssertEqual(result.status, 0, "\(tool) \(arguments): \(result.stderr)")
        return (result.stdout, result.stderr)
    }

    private func temporaryFile(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent(name)
    }
}
