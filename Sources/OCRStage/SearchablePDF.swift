import DocumentModel
import Foundation

/// One page of a searchable PDF: the scan as it will be embedded and the words to lay over it.
///
/// The image is embedded as baseline JPEG (`/DCTDecode`): Leptonica encodes it and every
/// PDF reader decodes it, whereas lossless Flate would need zlib, which Foundation on
/// Linux does not expose. Pages are grey: the recogniser works on grey, and grey JPEG
/// keeps an archive's derivatives small.
public struct SearchablePDFPage: Sendable {
    /// JPEG bytes of an 8-bit grey image.
    public var jpeg: Data
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Scan resolution; sets the page size (points = pixels × 72 / dpi).
    public var dpi: Int
    /// Word boxes in the image's pixels, origin top-left, as the recogniser gives them.
    public var words: [RecognizedWord]

    public init(jpeg: Data, pixelWidth: Int, pixelHeight: Int, dpi: Int, words: [RecognizedWord]) {
        self.jpeg = jpeg
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.dpi = dpi
        self.words = words
    }

    /// Encodes `image` in grey at `jpegQuality`; `dpi` defaults to what the image declares,
    /// else 300, the resolution the recogniser assumes too.
    public init(image: PageImage, words: [RecognizedWord], dpi: Int? = nil, jpegQuality: Int = 75) throws {
        let grey = image.greyscale()
        self.init(
            jpeg: try grey.jpegData(quality: jpegQuality), pixelWidth: grey.width, pixelHeight: grey.height,
            dpi: dpi ?? (image.resolution > 0 ? image.resolution : 300), words: words)
    }

    /// A page from JPEG bytes written earlier by ``PageImage/jpegData(quality:)``: size and
    /// resolution are read from the JPEG header, so the ingest can keep page images on
    /// disk between recognition and assembly without decoding them again.
    public init(jpeg: Data, words: [RecognizedWord]) throws {
        let header = try PageImage.jpegHeader(jpeg)
        self.init(jpeg: jpeg, pixelWidth: header.width, pixelHeight: header.height,
                  dpi: header.resolution > 0 ? header.resolution : 300, words: words)
    }
}

/// The font of the invisible text layer: one blank glyph that every character is drawn
/// with, so the PDF needs no real Vietnamese font, and viewers still find, select and
/// copy the words through the `/ToUnicode` map.
///
/// Tesseract ships such a font as `pdf.ttf` beside its models; sohoa reads that file
/// rather than carrying a binary of its own.
public struct GlyphlessFont: Sendable {
    /// The TrueType program; glyph 1 is the blank glyph.
    let program: Data

    /// Reads `pdf.ttf` from the tessdata folder (``TesseractEngine/dataPath``).
    public init(tessdata: String) throws {
        let path = URL(fileURLWithPath: tessdata).appendingPathComponent("pdf.ttf").path
        guard let program = FileManager.default.contents(atPath: path), !program.isEmpty else {
            throw SearchablePDFError.fontMissing(path)
        }
        self.program = program
    }
}

public enum SearchablePDFError: Error, Equatable, CustomStringConvertible {
    case fontMissing(String)
    case cannotWrite(String)
    case invalidPage(String)
    case tooManyCharacters

    public var description: String {
        switch self {
        case .fontMissing(let path):
            return "the glyphless font \(path) is missing (it comes with tesseract-ocr's tessdata)"
        case .cannotWrite(let path):
            return "cannot write \(path)"
        case .invalidPage(let reason):
            return "cannot put the page in a PDF: \(reason)"
        case .tooManyCharacters:
            return "more than 65,535 distinct characters in one PDF"
        }
    }
}

public enum SearchablePDF {
    /// The whole PDF in memory; for a long document use ``SearchablePDFWriter`` with a file.
    public static func data(pages: [SearchablePDFPage], font: GlyphlessFont) throws -> Data {
        let writer = SearchablePDFWriter(font: font)
        for page in pages { try writer.append(page) }
        try writer.finish()
        return writer.memory
    }
}

/// Writes a two-layer PDF (scan + invisible text, render mode 3) one page at a time, so a
/// 500-page document never has to be in memory. The output is the same bytes for the same
/// pages: no dates, no random IDs (the trailer's `/ID` is a hash of the file's bytes).
///
/// The file is PDF/A-2b, the form Thông tư 05/2025/TT-BNV asks of digitised records ("PDF/A
/// hai lớp"): XMP metadata naming the part and conformance, an sRGB output intent
/// (``SRGBProfile``) under the grey page images, the font embedded, a file identifier, and
/// nothing PDF/A forbids (no encryption, no transparency, no external content).
///
/// Characters get CIDs in order of first use (CID 1, 2, …), and the font objects, written
/// last, carry exactly that many entries in `/ToUnicode` and `/CIDToGIDMap`, instead of a
/// 128 KiB map of every UTF-16 code unit, which would need Flate to be small.
public final class SearchablePDFWriter {
    private static let catalog = 1, pageTree = 2, type0Font = 3, cidFont = 4, descriptor = 5,
        fontFile = 6, toUnicode = 7, cidToGID = 8, metadata = 9, outputProfile = 10
    /// Advance of every glyph in 1/1000 em; words are stretched to their box with `Tz`.
    private static let glyphWidth = 500.0
    /// Ascent and descent in 1/1000 em; they add up to one em, so a font size equal to the
    /// box height makes the text's extent, as readers compute it, the word's box.
    private static let ascent = 800.0, descent = -200.0

    private let font: GlyphlessFont
    private let file: FileHandle?
    private let path: String?
    /// The PDF so far, when no file was given.
    private(set) var memory = Data()
    private var offset = 0
    private var offsets: [Int: Int] = [:]
    private var nextObject = 11
    /// Two FNV-1a hashes of every byte written, for the trailer's `/ID`.
    private var digest: (UInt64, UInt64) = (0xCBF2_9CE4_8422_2325, 0x8422_2325_CBF2_9CE4)
    private var pageObjects: [Int] = []
    private var cids: [Unicode.Scalar: UInt16] = [:]
    private var characters: [Unicode.Scalar] = []

    /// Starts `path`; the PDF is written to `path.partial` and renamed by ``finish()``, so
    /// an interrupted run never leaves a truncated file under the final name.
    public init(path: String, font: GlyphlessFont) throws {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil),
            let file = FileHandle(forWritingAtPath: partial)
        else { throw SearchablePDFError.cannotWrite(path) }
        self.font = font
        self.file = file
        self.path = path
        try writeHeader()
    }

    init(font: GlyphlessFont) {
        self.font = font
        self.file = nil
        self.path = nil
        try! writeHeader()
    }

    deinit {
        try? file?.close()
    }

    /// Adds one page: the image filling the page, then every word over its box.
    public func append(_ page: SearchablePDFPage) throws {
        guard page.pixelWidth > 0, page.pixelHeight > 0, page.dpi > 0 else {
            throw SearchablePDFError.invalidPage("size \(page.pixelWidth)×\(page.pixelHeight) at \(page.dpi) dpi")
        }
        let scale = 72.0 / Double(page.dpi)
        let width = Double(page.pixelWidth) * scale, height = Double(page.pixelHeight) * scale
        let pageObject = allocate(), contentObject = allocate(), imageObject = allocate()

        var content = "q \(number(width)) 0 0 \(number(height)) 0 0 cm /Im0 Do Q\nBT 3 Tr\n"
        for word in page.words {
            guard let text = try textLayer(word, scale: scale, pageHeight: height) else { continue }
            content += text
        }
        content += "ET\n"

        try writeObject(pageObject, """
            << /Type /Page /Parent \(Self.pageTree) 0 R /MediaBox [0 0 \(number(width)) \(number(height))] \
            /Resources << /XObject << /Im0 \(imageObject) 0 R >> /Font << /F1 \(Self.type0Font) 0 R >> >> \
            /Contents \(contentObject) 0 R >>
            """)
        try writeStream(contentObject, dictionary: "", Data(content.utf8))
        try writeStream(imageObject, dictionary: """
            /Type /XObject /Subtype /Image /Width \(page.pixelWidth) /Height \(page.pixelHeight) \
            /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode
            """, page.jpeg)
        pageObjects.append(pageObject)
    }

    /// Writes the font, page tree, cross-reference table and trailer, then gives the file
    /// its final name.
    public func finish() throws {
        guard !pageObjects.isEmpty else { throw SearchablePDFError.invalidPage("a PDF needs at least one page") }
        try writeFont()
        let kids = pageObjects.map { "\($0) 0 R" }.joined(separator: " ")
        try writeObject(Self.pageTree, "<< /Type /Pages /Kids [\(kids)] /Count \(pageObjects.count) >>")
        try writeStream(Self.metadata, dictionary: "/Type /Metadata /Subtype /XML", Data(Self.xmp.utf8))
        try writeStream(Self.outputProfile, dictionary: "/N 3", SRGBProfile.data)
        try writeObject(Self.catalog, """
            << /Type /Catalog /Pages \(Self.pageTree) 0 R /Metadata \(Self.metadata) 0 R \
            /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) \
            /Info (sRGB IEC61966-2.1) /DestOutputProfile \(Self.outputProfile) 0 R >>] >>
            """)

        let xref = offset
        var table = "xref\n0 \(nextObject)\n0000000000 65535 f \n"
        for object in 1..<nextObject {
            table += pad(offsets[object]!, 10) + " 00000 n \n"
        }
        let id = [digest.0, digest.1].map { hash in
            let digits = String(hash, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        table += "trailer\n<< /Size \(nextObject) /Root \(Self.catalog) 0 R /ID [<\(id)> <\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        try write(Data(table.utf8))

        guard let file, let path else { return }
        do {
            // On disk before the archive's database names it.
            try file.synchronize()
            try file.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        } catch {
            throw SearchablePDFError.cannotWrite(path)
        }
    }

    /// The operators placing one word: font size = box height, baseline a fifth of the
    /// height above the box bottom (the font's descent), stretched to the box width.
    private func textLayer(_ word: RecognizedWord, scale: Double, pageHeight: Double) throws -> String? {
        let scalars = Array(word.text.unicodeScalars.filter { !$0.properties.isWhitespace })
        guard !scalars.isEmpty, word.right > word.left, word.bottom > word.top else { return nil }
        var hex = ""
        for scalar in scalars { hex += pad(try cid(for: scalar), 4, radix: 16) }
        let size = Double(word.bottom - word.top) * scale
        let boxWidth = Double(word.right - word.left) * scale
        let natural = Double(scalars.count) * Self.glyphWidth / 1000 * size
        let x = Double(word.left) * scale
        let baseline = pageHeight - Double(word.bottom) * scale - Self.descent / 1000 * size
        return "/F1 \(number(size)) Tf \(number(100 * boxWidth / natural)) Tz "
            + "1 0 0 1 \(number(x)) \(number(baseline)) Tm <\(hex)> Tj\n"
    }

    private func cid(for scalar: Unicode.Scalar) throws -> Int {
        if let cid = cids[scalar] { return Int(cid) }
        guard characters.count < Int(UInt16.max) else { throw SearchablePDFError.tooManyCharacters }
        characters.append(scalar)
        let cid = UInt16(characters.count)
        cids[scalar] = cid
        return Int(cid)
    }

    private func writeFont() throws {
        let name = "/SohoaGlyphless"
        try writeObject(Self.type0Font, """
            << /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H \
            /DescendantFonts [\(Self.cidFont) 0 R] /ToUnicode \(Self.toUnicode) 0 R >>
            """)
        try writeObject(Self.cidFont, """
            << /Type /Font /Subtype /CIDFontType2 /BaseFont \(name) \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
            /FontDescriptor \(Self.descriptor) 0 R /CIDToGIDMap \(Self.cidToGID) 0 R /DW \(Int(Self.glyphWidth)) >>
            """)
        try writeObject(Self.descriptor, """
            << /Type /FontDescriptor /FontName \(name) /Flags 4 \
            /FontBBox [0 \(Int(Self.descent)) \(Int(Self.glyphWidth)) \(Int(Self.ascent))] /ItalicAngle 0 \
            /Ascent \(Int(Self.ascent)) /Descent \(Int(Self.descent)) /CapHeight \(Int(Self.ascent)) /StemV 80 \
            /FontFile2 \(Self.fontFile) 0 R >>
            """)
        try writeStream(Self.fontFile, dictionary: "/Length1 \(font.program.count)", font.program)

        // CID 0 stays .notdef (glyph 0); every used CID draws the blank glyph 1.
        var map = Data([0, 0])
        for _ in characters { map.append(contentsOf: [0, 1]) }
        try writeStream(Self.cidToGID, dictionary: "", map)

        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        // A bfchar block may hold at most 100 entries.
        for start in stride(from: 0, to: characters.count, by: 100) {
            let block = characters[start..<min(start + 100, characters.count)]
            cmap += "\(block.count) beginbfchar\n"
            for (index, scalar) in zip(block.indices, block) {
                let utf16 = String(scalar).utf16.map { pad(Int($0), 4, radix: 16) }.joined()
                cmap += "<\(pad(index + 1, 4, radix: 16))> <\(utf16)>\n"
            }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        try writeStream(Self.toUnicode, dictionary: "", Data(cmap.utf8))
    }

    /// The XMP packet PDF/A requires: its part and conformance, and the producer. No dates,
    /// so that the same pages give the same bytes.
    private static let xmp = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" \
        xmlns:dc="http://purl.org/dc/elements/1.1/">
        <pdfaid:part>2</pdfaid:part>
        <pdfaid:conformance>B</pdfaid:conformance>
        <pdf:Producer>sohoa</pdf:Producer>
        <dc:format>application/pdf</dc:format>
        </rdf:Description>
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """

    private func allocate() -> Int {
        defer { nextObject += 1 }
        return nextObject
    }

    private func writeHeader() throws {
        // The comment's high bytes tell transfer tools that the file is binary.
        try write(Data("%PDF-1.4\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A]))
    }

    private func writeObject(_ object: Int, _ body: String) throws {
        offsets[object] = offset
        try write(Data("\(object) 0 obj\n\(body)\nendobj\n".utf8))
    }

    private func writeStream(_ object: Int, dictionary: String, _ bytes: Data) throws {
        offsets[object] = offset
        let entries = dictionary.isEmpty ? "" : dictionary + " "
        try write(Data("\(object) 0 obj\n<< \(entries)/Length \(bytes.count) >>\nstream\n".utf8))
        try write(bytes)
        try write(Data("\nendstream\nendobj\n".utf8))
    }

    private func write(_ bytes: Data) throws {
        offset += bytes.count
        for byte in bytes {
            digest.0 = (digest.0 ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            digest.1 = (digest.1 ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        guard let file else {
            memory.append(bytes)
            return
        }
        do {
            try file.write(contentsOf: bytes)
        } catch {
            throw SearchablePDFError.cannotWrite(path ?? "")
        }
    }
}

/// A PDF number with at most two decimals, independent of the locale.
private func number(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
    if fraction == 0 { return sign + String(whole) }
    return sign + String(whole) + "." + (fraction % 10 == 0 ? String(fraction / 10) : pad(fraction, 2))
}

private func pad(_ value: Int, _ width: Int, radix: Int = 10) -> String {
    let digits = String(value, radix: radix, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
