/// The few settings the intake needs to open inputs and hand on their pages.
public struct IntakeOptions: Sendable, Equatable {
    /// Largest image (or rendered page) accepted, in pixels; guards against decompression bombs.
    public var maxImagePixels: Int
    /// A PDF page counts as having a real text layer when it holds at least this many
    /// non-space characters and is not mostly covered by an image (a scan).
    public var textLayerMinCharacters: Int
    /// Password tried on encrypted PDFs.
    public var pdfPassword: String?
    /// Resolution at which PDF pages without a text layer are rendered.
    public var dpi: Int
    /// PDF pages are rendered to grey from their red channel (see `PageCleanup.dropRed`).
    public var dropRed: Bool
    /// PDF pages are also handed on in plain grey, for a searchable copy.
    public var keepsDisplayImage: Bool

    public init(maxImagePixels: Int, textLayerMinCharacters: Int, pdfPassword: String?, dpi: Int, dropRed: Bool,
                keepsDisplayImage: Bool) {
        self.maxImagePixels = maxImagePixels
        self.textLayerMinCharacters = textLayerMinCharacters
        self.pdfPassword = pdfPassword
        self.dpi = dpi
        self.dropRed = dropRed
        self.keepsDisplayImage = keepsDisplayImage
    }
}
