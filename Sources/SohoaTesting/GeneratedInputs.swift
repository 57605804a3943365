import DocumentSynth
import Foundation
import OCRStage

/// Generated documents written into the batch folder as each kind of input the pipeline
/// reads, so that tests of its mechanics need no real corpus. Each returns the file's URL;
/// folders in `name` are made.
extension BatchFixture {
    /// A born-digital PDF: the pipeline reads its text layer, without OCR.
    @discardableResult
    public func addTextPDF(_ name: String, _ document: SyntheticDocument) throws -> URL {
        let url = try inputURL(name)
        try DocumentRenderer.writePDF(document, to: url)
        return url
    }

    /// A PDF of page images only, as a scanner makes it.
    @discardableResult
    public func addScannedPDF(_ name: String, _ document: SyntheticDocument, dpi: Int) throws -> URL {
        let url = try inputURL(name)
        try DocumentRenderer.writeScannedPDF(document, to: url, dpi: dpi)
        return url
    }

    /// The document's first page as a PNG, whatever `name` ends with.
    @discardableResult
    public func addPNG(_ name: String, _ document: SyntheticDocument, dpi: Int) throws -> URL {
        let url = try inputURL(name)
        try DocumentRenderer.pageImages(document, dpi: dpi)[0].writePNG(to: url.path)
        return url
    }

    /// The document's first page as a JPEG.
    @discardableResult
    public func addJPEG(_ name: String, _ document: SyntheticDocument, dpi: Int, quality: Int = 90) throws -> URL {
        let url = try inputURL(name)
        try DocumentRenderer.pageImages(document, dpi: dpi)[0].writeJPEG(to: url.path, quality: quality)
        return url
    }

    private func inputURL(_ name: String) throws -> URL {
        let url = inputs.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }
}
