import ArchiveStore
import DocumentModel
import Foundation
import OCRStage
import PDFRendering

/// The searchable PDF of a document with OCR'd pages: written page by page from the
/// images OCR workers staged and the word boxes the ledger keeps, into the archive's
/// `derivatives/` folder, before the document that names it is committed. Pages of a PDF
/// that had a text layer are rendered from the original here, their words taken from the
/// layer.
struct SearchableCopy {
    let archive: Archive
    let font: GlyphlessFont
    let configuration: PipelineConfiguration

    /// Writes the PDF for the input `ledger` (the file `original` with bytes `sha256`,
    /// `pageCount` recognised pages) and returns it with its checksum.
    func write(sha256: SHA256, ledger: InputID, pageCount: Int, original: URL) throws -> ArchivedFile {
        let relative = Archive.derivativePath(sha256: sha256)
        let target = archive.directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let writer = try SearchablePDFWriter(path: target.path, font: font)
        var written = 0
        var pdf: PDFFile?
        try archive.forEachRecognisedPage(of: ledger) { page in
            if page.source == .textLayer {
                try InputError.readingPDF {
                    let file = try pdf ?? PDFFile(path: original.path, password: configuration.input.pdfPassword)
                    pdf = file
                    let source = try file.page(page.number - 1)
                    let image = try source.render(dpi: configuration.ocr.dpi, maxPixels: configuration.input.maxImagePixels)
                    try writer.append(SearchablePDFPage(image: image, words: source.words(dpi: configuration.ocr.dpi),
                                                        jpegQuality: configuration.storage.searchablePDFQuality))
                }
            } else {
                let staged = archive.stagedImage(sha256: sha256, page: page.number)
                guard let jpeg = FileManager.default.contents(atPath: staged.path) else {
                    throw InputError.searchableCopy("the image of page \(page.number) staged for it is missing")
                }
                try writer.append(SearchablePDFPage(jpeg: jpeg, words: page.words))
            }
            written += 1
        }
        guard written == pageCount else {
            throw InputError.searchableCopy("\(written) of \(pageCount) pages were recognised")
        }
        try writer.finish()
        return ArchivedFile(path: relative, sha256: try Fingerprint.sha256(of: target))
    }

    /// Keeps a recognised page's image until its document's PDF is written: temporary
    /// name, then rename, so a killed worker never leaves half an image under the real name.
    static func stage(_ image: PageImage, at url: URL, quality: Int) throws {
        let data = try image.jpegData(quality: quality)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        try data.write(to: partial)
        guard rename(partial.path, url.path) == 0 else {
            throw InputError.searchableCopy("cannot keep the page image: \(String(cString: strerror(errno)))")
        }
    }
}
