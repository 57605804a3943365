/// Why a PDF could not be opened or drawn.
///
/// The cases say what is wrong with the file, not what poppler returned; the ingest turns
/// them into its archivist's words (`InputError`), which name its own settings.
public enum PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path cannot be turned into the URI poppler opens.
    case unusablePath
    /// The PDF is encrypted and no password was given.
    case needsPassword
    /// The PDF is encrypted and the password given does not open it.
    case wrongPassword
    /// The file or one of its pages cannot be read; the reason in poppler's words or ours.
    case damaged(String)
    /// Rendering the page at the requested resolution would exceed the pixel limit.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// cairo could not make a surface or finish a file.
    case cannotDraw

    public var description: String {
        switch self {
        case .unusablePath: return "the file's name cannot be turned into a file URI"
        case .needsPassword: return "the PDF is encrypted"
        case .wrongPassword: return "the PDF is encrypted and the password does not open it"
        case .damaged(let why): return "the PDF is damaged: \(why)"
        case let .tooManyPixels(width, height, limit): return "rendering needs \(width)×\(height) px, more than \(limit) px"
        case .cannotDraw: return "cairo could not draw"
        }
    }
}
