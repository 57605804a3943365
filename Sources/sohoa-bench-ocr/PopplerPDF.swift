import CPoppler
import Foundation
import OCRStage

/// A PDF opened with poppler-glib, for the real-document rows: each page's text layer and
/// its render. Owns its `PopplerDocument`; poppler documents are not thread-safe, so a
/// `PopplerPDF` stays on the thread that opened it.
final class PopplerPDF {
    private let document: OpaquePointer
    let pageCount: Int

    init(path: String) throws {
        var error: UnsafeMutablePointer<GError>?
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            g_clear_error(&error)
            throw BenchInputError.unreadable(path)
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, nil, &error) else {
            g_clear_error(&error)
            throw BenchInputError.unreadable(path)
        }
        self.document = document
        pageCount = Int(poppler_document_get_n_pages(document))
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    /// Page `index`, 0-based.
    func page(_ index: Int) throws -> PopplerPDFPage {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw BenchInputError.unreadable("page \(index + 1)")
        }
        return PopplerPDFPage(page: page)
    }
}

/// One page of a ``PopplerPDF``; owns its `PopplerPage`.
final class PopplerPDFPage {
    private let page: OpaquePointer

    fileprivate init(page: OpaquePointer) {
        self.page = page
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(page))
    }

    /// The text layer in poppler's reading order; empty when the page has none.
    var text: String {
        guard let utf8 = poppler_page_get_text(page) else { return "" }
        defer { g_free(utf8) }
        return String(cString: utf8)
    }

    /// The page rendered at `dpi` into 8-bit grey, as the ingest renders a page for OCR
    /// (white paper, size rounded, `dropRed` from the red channel).
    func grey(dpi: Int, dropRed: Bool = false) throws -> PageImage {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        let scale = Double(dpi) / 72
        let width = Int((w * scale).rounded()), height = Int((h * scale).rounded())
        guard width > 0, height > 0,
              let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw BenchInputError.unreadable("a page of \(width)×\(height) px")
        }
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render(page, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            throw BenchInputError.unreadable("a page of \(width)×\(height) px")
        }
        return try PageImage.grey(
            fromARGB32: UnsafeRawPointer(data), width: width, height: height,
            bytesPerRow: Int(cairo_image_surface_get_stride(surface)), resolution: dpi, dropRed: dropRed)
    }
}

enum BenchInputError: Error, CustomStringConvertible {
    case unreadable(String)
    case noTruth(String)

    var description: String {
        switch self {
        case .unreadable(let what): return "cannot read \(what)"
        case .noTruth(let path): return "no truth.jsonl in \(path)"
        }
    }
}
