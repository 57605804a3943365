import DocumentModel
import Foundation
import OCRStage
import PDFRendering

/// A page as the ingest stage hands it on: text ready to use, or an image to recognise
/// (with, for a PDF page, its plain grey for the searchable PDF when one is made).
enum PageContent {
    case text(RecognizedPage)
    case image(PageImage, display: PageImage?)
}

/// Opens an input by its kind and yields its pages one at a time, so that only the pages
/// waiting in the OCR queue are ever held in memory.
struct PageSource {
    let configuration: PipelineConfiguration
    /// Reads the small stamped fields of text-layer pages (see ``PDFPage/headerSignatureAreas``).
    let fieldReader: () -> TesseractEngine?

    /// Calls `body` for each page in order, except the page numbers in `skipping` (already
    /// recognised by an earlier run); stops at the first page that cannot be read.
    func forEachPage(of url: URL, kind: FileKind, skipping: Set<Int> = [], _ body: (Int, PageContent) throws -> Void) throws {
        switch kind {
        case .pdf: try forEachPDFPage(url.path, skipping: skipping, body)
        case .png, .jpeg, .tiff: try forEachImagePage(url.path, isTIFF: kind == .tiff, skipping: skipping, body)
        }
    }

    private func forEachImagePage(_ path: String, isTIFF: Bool, skipping: Set<Int>, _ body: (Int, PageContent) throws -> Void) throws {
        let info: ImageFileInfo
        do {
            info = try ImageFileInfo(path: path, isTIFF: isTIFF)
        } catch {
            throw InputError.undecodableImage
        }
        let limit = configuration.input.maxImagePixels
        guard info.pixelCount <= limit else {
            throw InputError.tooManyPixels(width: info.width, height: info.height, limit: limit)
        }
        for index in 0..<info.pageCount where !skipping.contains(index + 1) {
            let image: PageImage
            do {
                image = try PageImage.read(path: path, page: index, isTIFF: isTIFF)
            } catch {
                throw info.pageCount > 1 ? InputError.pageFailed(page: index + 1, reason: InputError.undecodableImage.description) : InputError.undecodableImage
            }
            try body(index + 1, .image(image, display: nil))
        }
    }

    private func forEachPDFPage(_ path: String, skipping: Set<Int>, _ body: (Int, PageContent) throws -> Void) throws {
        let pdf = try InputError.readingPDF { try PDFFile(path: path, password: configuration.input.pdfPassword) }
        guard pdf.pageCount > 0 else { throw InputError.noPages }
        for index in 0..<pdf.pageCount where !skipping.contains(index + 1) {
            let number = index + 1
            let page = try InputError.readingPDF { try pdf.page(index) }
            let text = page.text
            let letters = text.unicodeScalars.lazy.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.count
            if letters >= configuration.input.textLayerMinCharacters && page.imageCoverage < 0.5 {
                let size = page.size
                try body(number, .text(RecognizedPage(
                    number: number, text: number == 1 ? stampedFieldText(page, fallback: text) : text, source: .textLayer,
                    width: Int(size.width.rounded()), height: Int(size.height.rounded()))))
            } else {
                let rendered: (ocr: PageImage, display: PageImage?)
                do {
                    rendered = try page.render(dpi: configuration.ocr.dpi, maxPixels: configuration.input.maxImagePixels,
                                               dropRed: configuration.ocr.cleanup.dropRed,
                                               display: configuration.storage.searchablePDF)
                } catch let error as PDFError {
                    throw InputError.pageFailed(page: number, reason: InputError(error).description)
                }
                try body(number, .image(rendered.ocr, display: rendered.display))
            }
        }
    }

    /// The page's text with its stamped signature fields read in, when it has any.
    /// Only first pages are read: the number and the date are stamped there, and signed
    /// documents repeat signature widgets on later pages.
    private func stampedFieldText(_ page: PDFPage, fallback: String) -> String {
        let areas = page.headerSignatureAreas
        guard !areas.isEmpty, let engine = fieldReader() else { return fallback }
        let placed: [PlacedText] = areas.compactMap { area in
            guard let image = try? page.render(area: area, dpi: 300),
                  let read = try? engine.recognize(image, pageNumber: 0) else { return nil }
            let text = read.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return text.isEmpty ? nil : PlacedText(text: text, area: area)
        }
        return placed.isEmpty ? fallback : page.text(adding: placed)
    }
}
