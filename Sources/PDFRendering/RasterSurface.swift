import CPoppler
import OCRStage

/// A cairo image surface in memory: the page raster that both PDF rendering and the
/// document generator draw into, and the one place its pixels become a ``PageImage``.
///
/// The surface is read in place: ``greyImage(resolution:dropRed:)`` hands cairo's memory
/// to `PageImage` as a `Span`, so a rendered page is converted once, with no extra copy.
/// A surface belongs to one thread at a time, like the `PageImage`s made from it.
public final class RasterSurface {
    /// How the surface stores a pixel; both are native-endian `0xAARRGGBB` words.
    public enum Format: Sendable {
        /// With alpha, for rendering PDF pages (poppler's own choice).
        case argb32
        /// Opaque, for pages drawn on white paper.
        case rgb24
    }

    let surface: OpaquePointer
    /// Size in pixels.
    public let width: Int, height: Int

    /// A new surface of `width` × `height` pixels, all zero (black; transparent in `argb32`).
    public init(width: Int, height: Int, format: Format) throws {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max),
              let surface = cairo_image_surface_create(format == .argb32 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                                       Int32(width), Int32(height)) else {
            throw PDFError.cannotDraw
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw PDFError.cannotDraw
        }
        self.surface = surface
        self.width = width
        self.height = height
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// Draws on the surface through a new ``Canvas``; its units are pixels until `body`
    /// scales them.
    public func draw<T>(_ body: (Canvas) throws -> T) rethrows -> T {
        try body(Canvas(surface: surface))
    }

    /// The pixels as an 8-bit grey image declaring `resolution` dpi; `dropRed` takes the
    /// grey from the red channel, in which red seals fade into the paper.
    public func greyImage(resolution: Int, dropRed: Bool = false) throws -> PageImage {
        try withPixels { pixels, wordsPerRow in
            try PageImage.grey(argb32: pixels, width: width, height: height, wordsPerRow: wordsPerRow,
                               resolution: resolution, dropRed: dropRed)
        }
    }

    /// The pixels as a 32-bit colour image declaring `resolution` dpi.
    public func colourImage(resolution: Int) throws -> PageImage {
        try withPixels { pixels, wordsPerRow in
            try PageImage.colour(argb32: pixels, width: width, height: height, wordsPerRow: wordsPerRow, resolution: resolution)
        }
    }

    /// The finished drawing as 32-bit words, rows `wordsPerRow` apart (cairo pads rows to its
    /// stride), valid only inside `body`.
    private func withPixels<T>(_ body: (Span<UInt32>, Int) throws -> T) throws -> T {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { throw PDFError.cannotDraw }
        // cairo's strides for 32-bit formats are whole words.
        let wordsPerRow = Int(cairo_image_surface_get_stride(surface)) / 4
        let words = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self),
                                        count: wordsPerRow * height)
        return try body(words.span, wordsPerRow)
    }
}
