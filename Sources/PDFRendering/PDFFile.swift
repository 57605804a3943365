import CPoppler
import DocumentModel
import Foundation
import OCRStage
import VietnameseText

/// An open PDF: the one place sohoa touches poppler-glib handles.
///
/// Poppler documents are not thread-safe; a `PDFFile` lives on the thread that opened it.
/// The ingest reads PDFs through it, and so do the benchmarks, exactly as the ingest does.
/// Everything it returns is a Swift value or a ``PageImage``; poppler's rectangles, lists
/// and errors stay in this file.
public final class PDFFile {
    private let document: OpaquePointer
    public let pageCount: Int

    /// Opens `path`; `password` unlocks an encrypted PDF.
    public init(path: String, password: String?) throws {
        var error: UnsafeMutablePointer<GError>?
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            g_clear_error(&error)
            throw PDFError.unusablePath
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, password, &error) else {
            let code = error?.pointee.code ?? -1
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            g_clear_error(&error)
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw password == nil ? PDFError.needsPassword : PDFError.wrongPassword
            }
            throw PDFError.damaged(message)
        }
        self.document = document
        self.pageCount = Int(poppler_document_get_n_pages(document))
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    /// What page `index` (0-based) offers: real text, or only pixels to be recognised.
    public func page(_ index: Int) throws -> PDFPage {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw PDFError.damaged("page \(index + 1) cannot be read")
        }
        return PDFPage(page: page)
    }
}

/// One page of a ``PDFFile``; owns its `PopplerPage`.
public final class PDFPage {
    private let page: OpaquePointer

    fileprivate init(page: OpaquePointer) {
        self.page = page
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(page))
    }

    /// Page size in points (1/72 inch).
    public var size: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return (w, h)
    }

    /// The page's text layer as it is laid out on the page, NFC; empty when it has none.
    ///
    /// Poppler returns text in content-stream order, which interleaves the two header
    /// blocks of a Nghị định 30 page unpredictably. Rebuilding lines from the characters'
    /// positions gives what a reader sees: agency and motto side by side on one line,
    /// "Số: …" and the date on the next.
    public var text: String { textLayer.text }

    /// The text layer with each character's box, as a value that outlives this page, so
    /// that words read elsewhere (stamped fields) can be merged in later.
    public var textLayer: PDFTextLayer {
        guard let utf8 = poppler_page_get_text(page) else { return PDFTextLayer(raw: "", boxes: nil) }
        defer { g_free(utf8) }
        return PDFTextLayer(raw: String(cString: utf8), boxes: textLayout)
    }

    /// The box of each character of the text layer, in the order of `poppler_page_get_text`;
    /// nil when poppler has no layout for the page.
    private var textLayout: [PageArea]? {
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else { return nil }
        defer { g_free(rectangles) }
        return UnsafeBufferPointer(start: rectangles, count: Int(count)).map(PageArea.init)
    }

    /// The full-width bands of the page's top quarter that hold signature widgets, in points
    /// with origin top-left.
    ///
    /// Vietnamese e-office systems stamp the number and the day into such widgets when the
    /// document is signed; their text is drawn on the page but is not in the text layer.
    /// Whole bands are returned because a widget cuts through the words around it, and
    /// OCR reads a whole line far better than a fragment.
    public var headerSignatureAreas: [PageArea] {
        let (w, h) = size
        guard let mapping = poppler_page_get_form_field_mapping(page) else { return [] }
        defer { poppler_page_free_form_field_mapping(mapping) }
        var areas: [PageArea] = []
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            if let data = current.pointee.data {
                let field = data.assumingMemoryBound(to: PopplerFormFieldMapping.self).pointee
                if let form = field.field, poppler_form_field_get_field_type(form) == POPPLER_FORM_FIELD_SIGNATURE {
                    // Form field areas count from the bottom of the page; text boxes from the top.
                    let band = PageArea(x1: 0, y1: h - field.area.y2 - 2, x2: w, y2: h - field.area.y1 + 2)
                    if band.y2 < h / 4 && band.y2 > band.y1 && field.area.x2 > field.area.x1 { areas.append(band) }
                }
            }
            node = current.pointee.next
        }
        // Widgets on one line give one band.
        var bands: [PageArea] = []
        for area in areas.sorted(by: { $0.y1 < $1.y1 }) {
            if let last = bands.last, area.y1 < last.y2 {
                bands[bands.count - 1].y2 = max(last.y2, area.y2)
            } else {
                bands.append(area)
            }
        }
        return bands
    }

    /// Renders one rectangle of the page (points, origin top-left) into 8-bit grey.
    public func render(area: PageArea, dpi: Int) throws -> PageImage {
        let scale = Double(dpi) / 72
        let width = Int(((area.x2 - area.x1) * scale).rounded()), height = Int(((area.y2 - area.y1) * scale).rounded())
        guard width > 0, height > 0, width * height < 50_000_000,
              let raster = try? RasterSurface(width: width, height: height, format: .argb32) else {
            throw PDFError.damaged("a signature field has no usable size")
        }
        draw(on: raster, scale: scale, origin: area)
        return try raster.greyImage(resolution: dpi)
    }

    /// Renders the page on white paper, `scale` pixels a point, with `origin` (points) at
    /// the raster's top-left corner.
    private func draw(on raster: RasterSurface, scale: Double, origin: PageArea? = nil) {
        raster.draw { canvas in
            canvas.setColour(red: 1, green: 1, blue: 1)
            canvas.paint()
            canvas.scale(by: scale)
            if let origin { canvas.translate(x: -origin.x1, y: -origin.y1) }
            poppler_page_render(page, canvas.context)
        }
    }

    /// Share of the page area covered by embedded images (0…1): a scan is one big image,
    /// often with a small text layer (a digital-signature stamp) that is not its content.
    public var imageCoverage: Double {
        let (w, h) = size
        guard w > 0, h > 0, let mapping = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(mapping) }
        var covered = 0.0
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                let clippedW = max(0, min(area.x2, w) - max(area.x1, 0))
                let clippedH = max(0, min(area.y2, h) - max(area.y1, 0))
                covered += clippedW * clippedH
            }
            node = current.pointee.next
        }
        return min(1, covered / (w * h))
    }

    /// Renders the page at `dpi` into 8-bit grey, in memory (no temporary image files);
    /// `dropRed` takes the grey from the red channel (see `PageCleanup.dropRed`).
    public func render(dpi: Int, maxPixels: Int, dropRed: Bool = false) throws -> PageImage {
        try render(dpi: dpi, maxPixels: maxPixels, dropRed: dropRed, display: false).ocr
    }

    /// The same, plus with `display` the plain (luminance) grey of the same rendering, for
    /// the searchable PDF, where red seals must stay visible.
    public func render(dpi: Int, maxPixels: Int, dropRed: Bool, display: Bool) throws -> (ocr: PageImage, display: PageImage?) {
        let (w, h) = size
        let scale = Double(dpi) / 72
        // Rounding, not ceil: A4 at 300 dpi is 2480 px wide, as a scanner makes it.
        let width = Int((w * scale).rounded()), height = Int((h * scale).rounded())
        guard width > 0, height > 0 else { throw PDFError.damaged("a page has no size") }
        guard width * height <= maxPixels, let raster = try? RasterSurface(width: width, height: height, format: .argb32) else {
            throw PDFError.tooManyPixels(width: width, height: height, limit: maxPixels)
        }
        draw(on: raster, scale: scale)
        let ocr = try raster.greyImage(resolution: dpi, dropRed: dropRed)
        guard display else { return (ocr, nil) }
        guard dropRed else { return (ocr, ocr) }
        return (ocr, try raster.greyImage(resolution: dpi))
    }

    /// The text layer's words with their boxes in the pixels of a rendering at `dpi`, for
    /// the invisible text of a searchable PDF.
    public func words(dpi: Int) -> [RecognizedWord] {
        guard let utf8 = poppler_page_get_text(page) else { return [] }
        defer { g_free(utf8) }
        guard let layout = textLayout else { return [] }
        let scale = Double(dpi) / 72
        var words: [RecognizedWord] = []
        var text = String.UnicodeScalarView()
        var box = PageArea(x1: .infinity, y1: .infinity, x2: -.infinity, y2: -.infinity)
        func flush() {
            if !text.isEmpty {
                words.append(RecognizedWord(
                    text: VietnameseText.normalize(String(text)), confidence: 100,
                    left: Int(box.x1 * scale), top: Int(box.y1 * scale), right: Int((box.x2 * scale).rounded(.up)),
                    bottom: Int((box.y2 * scale).rounded(.up))))
            }
            text = String.UnicodeScalarView()
            box = PageArea(x1: .infinity, y1: .infinity, x2: -.infinity, y2: -.infinity)
        }
        // Poppler's text runs words of neighbouring columns together with no space between;
        // a glyph that does not continue the previous one on its line starts a new word.
        var previous: PageArea?
        for (index, scalar) in String(cString: utf8).unicodeScalars.prefix(layout.count).enumerated() {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) {
                flush()
                previous = nil
                continue
            }
            let glyph = layout[index]
            if let last = previous {
                let height = max(1, last.y2 - last.y1)
                let sameLine = abs((glyph.y1 + glyph.y2) - (last.y1 + last.y2)) / 2 < height / 2
                if !sameLine || glyph.x1 < last.x1 || glyph.x1 - last.x2 > height * 0.3 { flush() }
            }
            previous = glyph
            box = PageArea(x1: min(box.x1, glyph.x1), y1: min(box.y1, glyph.y1),
                                   x2: max(box.x2, glyph.x2), y2: max(box.y2, glyph.y2))
            text.append(scalar)
        }
        flush()
        return words
    }
}

private extension PageArea {
    init(_ rectangle: PopplerRectangle) {
        self.init(x1: rectangle.x1, y1: rectangle.y1, x2: rectangle.x2, y2: rectangle.y2)
    }
}
