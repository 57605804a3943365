import DocumentModel
import Foundation
import OCRStage
import PDFRendering

/// A page as the intake hands it on: text ready to use, or an image to recognise (with, for
/// a PDF page, its plain grey for the searchable copy when one is made).
public enum PageContent: Sendable {
    /// A text-layer page; `stampedHeader` holds what of it must still be recognised.
    case text(RecognizedPage, stampedHeader: StampedHeader?)
    case image(PageImage, display: PageImage?)
}

/// The header bands of a text-layer page that hold signature widgets, rendered for
/// recognition, and the page's text layer to merge what is read into.
///
/// E-office systems stamp the number and the day into such widgets when the document is
/// signed: drawn on the page, but not in its text layer (see
/// `PDFPage.headerSignatureAreas`).
public struct StampedHeader: Sendable {
    public var layer: PDFTextLayer
    /// The bands that could be rendered, top to bottom.
    public var bands: [Band]

    public struct Band: Sendable {
        public var area: PageArea
        public var image: PageImage
    }
}

/// Opens an input by its kind and yields its pages one at a time, so that only the pages
/// waiting in the OCR queue are ever held in memory.
public struct PageSource {
    public let options: IntakeOptions

    /// Resolution at which stamped header bands are rendered: small, dense text.
    static let stampedFieldDPI = 300

    public init(options: IntakeOptions) {
        self.options = options
    }

    /// Calls `body` for each page in order, except the page numbers in `skipping` (already
    /// recognised by an earlier run); stops at the first page that cannot be read.
    public func forEachPage(of url: URL, kind: FileKind, skipping: Set<Int> = [], _ body: (Int, PageContent) throws -> Void) throws {
        switch kind {
        case .pdf: try forEachPDFPage(url.path, skipping: skipping, body)
        case .png, .jpeg, .tiff: try forEachImagePage(url.path, isTIFF: kind == .tiff, skipping: skipping, body)
        }
    }

    /// How many pages the file has, without reading them: what a shared batch puts in its
    /// queue before any worker reads a page.
    public func pageCount(of url: URL, kind: FileKind) throws -> Int {
        switch kind {
        case .pdf:
            let pdf = try InputError.readingPDF { try PDFFile(path: url.path, password: options.pdfPassword) }
            guard pdf.pageCount > 0 else { throw InputError.noPages }
            return pdf.pageCount
        case .png, .jpeg, .tiff:
            do {
                return try ImageFileInfo(path: url.path, isTIFF: kind == .tiff).pageCount
            } catch {
                throw InputError.undecodableImage
            }
        }
    }

    private func forEachImagePage(_ path: String, isTIFF: Bool, skipping: Set<Int>, _ body: (Int, PageContent) throws -> Void) throws {
        let info: ImageFileInfo
        do {
            info = try ImageFileInfo(path: path, isTIFF: isTIFF)
        } catch {
            throw InputError.undecodableImage
        }
        let limit = options.maxImagePixels
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
        let pdf = try InputError.readingPDF { try PDFFile(path: path, password: options.pdfPassword) }
        guard pdf.pageCount > 0 else { throw InputError.noPages }
        for index in 0..<pdf.pageCount where !skipping.contains(index + 1) {
            let number = index + 1
            let page = try InputError.readingPDF { try pdf.page(index) }
            let layer = page.textLayer
            let text = layer.text
            let letters = text.unicodeScalars.lazy.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.count
            if letters >= options.textLayerMinCharacters && page.imageCoverage < 0.5 {
                let size = page.size
                let recognized = RecognizedPage(number: number, text: text, source: .textLayer,
                                                width: Int(size.width.rounded()), height: Int(size.height.rounded()))
                try body(number, .text(recognized, stampedHeader: number == 1 ? stampedHeader(page, layer: layer) : nil))
            } else {
                let rendered: (ocr: PageImage, display: PageImage?)
                do {
                    rendered = try page.render(dpi: options.dpi, maxPixels: options.maxImagePixels,
                                               dropRed: options.dropRed, display: options.keepsDisplayImage)
                } catch let error as PDFError {
                    throw InputError.pageFailed(page: number, reason: InputError(error).description)
                }
                try body(number, .image(rendered.ocr, display: rendered.display))
            }
        }
    }

    /// The page's stamped header bands, when it has any. Only first pages are read: the
    /// number and the date are stamped there, and signed documents repeat signature
    /// widgets on later pages.
    private func stampedHeader(_ page: PDFPage, layer: PDFTextLayer) -> StampedHeader? {
        let areas = page.headerSignatureAreas
        guard !areas.isEmpty else { return nil }
        let bands = areas.compactMap { area in
            (try? page.render(area: area, dpi: Self.stampedFieldDPI)).map { StampedHeader.Band(area: area, image: $0) }
        }
        return StampedHeader(layer: layer, bands: bands)
    }
}

/// The text-layer pages of one PDF drawn again for its searchable copy: each page's image
/// and the layer's words, boxed in its pixels. The PDF is opened on first need and lives on
/// the thread that asked.
public final class TextLayerPages {
    private let url: URL
    private let options: IntakeOptions
    private var pdf: PDFFile?

    public init(of url: URL, options: IntakeOptions) {
        self.url = url
        self.options = options
    }

    /// Page `number` (1-based) rendered at the intake's resolution, with its words.
    public func page(_ number: Int) throws -> (image: PageImage, words: [RecognizedWord]) {
        try InputError.readingPDF {
            let file = try pdf ?? PDFFile(path: url.path, password: options.pdfPassword)
            pdf = file
            let source = try file.page(number - 1)
            let image = try source.render(dpi: options.dpi, maxPixels: options.maxImagePixels)
            return (image, source.words(dpi: options.dpi))
        }
    }
}
