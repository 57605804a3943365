import Foundation
import PDFRendering

/// Why an input could not be ingested, in words an archivist understands.
///
/// Every message names the problem with the file, not with sohoa's internals; the batch
/// reports it next to the file's path and goes on.
public enum InputError: Error, Equatable, CustomStringConvertible {
    case empty
    case notADocument
    case unreadable(String)
    /// The searchable PDF could not be made; the document is stored on the next run.
    case searchableCopy(String)
    case vanished
    case encryptedPDF
    case wrongPDFPassword
    case damagedPDF(String)
    case noPages
    case undecodableImage
    case tooManyPixels(width: Int, height: Int, limit: Int)
    case pageFailed(page: Int, reason: String)
    case pageNeverFinished(starts: Int)

    public var description: String {
        switch self {
        case .empty: return "file is empty"
        case .notADocument: return "not an image or PDF"
        case .unreadable(let why): return "file cannot be read: \(why)"
        case .searchableCopy(let why): return "the searchable PDF could not be made: \(why)"
        case .vanished: return "file disappeared while the batch was running"
        case .encryptedPDF: return "PDF is encrypted (set input.pdf_password in pipeline.yaml or pass --pdf-password)"
        case .wrongPDFPassword: return "PDF is encrypted and the configured password does not open it"
        case .damagedPDF(let why): return "PDF is damaged: \(why)"
        case .noPages: return "document has no pages"
        case .undecodableImage: return "image is damaged or truncated and cannot be decoded"
        case let .tooManyPixels(width, height, limit):
            return "image larger than the configured pixel limit (\(width)×\(height) px > \(limit) px; input.max_image_pixels)"
        case let .pageFailed(page, reason): return "page \(page): \(reason)"
        case let .pageNeverFinished(starts):
            return "OCR started on this page \(starts) times and never finished (the process was killed or crashed on it)"
        }
    }
}

extension InputError {
    /// What a PDF's failure means for the archivist. `PDFRendering` says what is wrong with
    /// the file; only the ingest knows, for instance, where a password is configured.
    init(_ error: PDFError) {
        switch error {
        case .unusablePath: self = .unreadable("its name cannot be turned into a file URI")
        case .needsPassword: self = .encryptedPDF
        case .wrongPassword: self = .wrongPDFPassword
        case .damaged(let why): self = .damagedPDF(why)
        case let .tooManyPixels(width, height, limit): self = .tooManyPixels(width: width, height: height, limit: limit)
        case .cannotDraw: self = .damagedPDF("a page could not be rendered")
        }
    }

    /// Runs `body`, which reads a PDF, throwing a ``PDFError`` as the `InputError` it means.
    static func readingPDF<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PDFError {
            throw InputError(error)
        }
    }
}
