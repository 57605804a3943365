import ArchiveStore
import DocumentModel
import Foundation
import Ingest
import OCRStage

/// Whether scanned documents get a searchable PDF, and how: decided once per batch from
/// `storage.searchable_pdf`, `storage.searchable_pdf_quality` and the tessdata's glyphless
/// font, and handed to every thread as this one value.
struct SearchableCopyPolicy: Sendable {
    /// The font of the invisible text; nil when no searchable PDFs are made.
    let font: GlyphlessFont?
    /// JPEG quality (1–100) of the page images.
    let jpegQuality: Int

    /// Loads the font when copies are made, so a missing one stops the batch at start.
    init(storage: PipelineConfiguration.Storage, tessdata: String) throws {
        font = storage.searchablePDF ? try GlyphlessFont(tessdata: tessdata) : nil
        jpegQuality = storage.searchablePDFQuality
    }

    var makesCopies: Bool { font != nil }
}

/// The searchable PDF of a document with OCR'd pages, as one stage: OCR workers stage each
/// page's image as it was read, and once the document is complete its PDF is written page
/// by page from those images and the word boxes the ledger keeps, into the archive's
/// `derivatives/` folder, before the document that names it is committed. Pages of a PDF
/// that had a text layer are drawn again from the original by the intake, their words
/// taken from the layer.
struct SearchableCopy: Sendable {
    let policy: SearchableCopyPolicy
    /// How the intake opens and renders the original's text-layer pages.
    let intake: IntakeOptions

    /// Where page `page` of the input with bytes `sha256` waits for its PDF; nil when no
    /// searchable PDFs are made.
    func stagedImage(in archive: Archive, sha256: SHA256, page: Int) -> URL? {
        policy.makesCopies ? archive.stagedImage(sha256: sha256, page: page) : nil
    }

    /// Whether a page recognised by an earlier run can be taken as it is: not when the
    /// searchable PDF needs its image and that was not kept.
    func canReuse(_ page: RecognizedPage, sha256: SHA256, in archive: Archive) -> Bool {
        guard page.source == .ocr, let staged = stagedImage(in: archive, sha256: sha256, page: page.number) else { return true }
        return FileManager.default.fileExists(atPath: staged.path)
    }

    /// Keeps a recognised page's image until its document's PDF is written: temporary
    /// name, then rename, so a killed worker never leaves half an image under the real name.
    func stage(_ image: PageImage, at url: URL) throws {
        let data = try image.jpegData(quality: policy.jpegQuality)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        try data.write(to: partial)
        guard rename(partial.path, url.path) == 0 else {
            throw InputError.searchableCopy("cannot keep the page image: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes the PDF for the input `ledger` (the file `original` with bytes `sha256`,
    /// `pages` its pages in order) and returns it with its checksum; nil when none is made:
    /// no searchable PDFs, or no page was OCR'd (a PDF whose every page has a text layer is
    /// searchable already).
    func write(in archive: Archive, sha256: SHA256, ledger: InputID, pages: [RecognizedPage], original: URL) throws -> ArchivedFile? {
        guard let font = policy.font, pages.contains(where: { $0.source == .ocr }) else { return nil }
        let relative = Archive.derivativePath(sha256: sha256)
        let target = archive.directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let writer = try SearchablePDFWriter(path: target.path, font: font)
        var written = 0
        let textLayer = TextLayerPages(of: original, options: intake)
        try archive.forEachRecognisedPage(of: ledger) { page in
            if page.source == .textLayer {
                let drawn = try textLayer.page(page.number)
                try writer.append(SearchablePDFPage(image: drawn.image, words: drawn.words, jpegQuality: policy.jpegQuality))
            } else {
                guard let staged = stagedImage(in: archive, sha256: sha256, page: page.number),
                      let jpeg = FileManager.default.contents(atPath: staged.path) else {
                    throw InputError.searchableCopy("the image of page \(page.number) staged for it is missing")
                }
                try writer.append(SearchablePDFPage(jpeg: jpeg, words: page.words))
            }
            written += 1
        }
        guard written == pages.count else {
            throw InputError.searchableCopy("\(written) of \(pages.count) pages were recognised")
        }
        try writer.finish()
        return ArchivedFile(path: relative, sha256: try Fingerprint.sha256(of: target))
    }
}
