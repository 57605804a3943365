import CPoppler
import Foundation

/// Something to draw on — a ``RasterSurface`` or the pages of a PDF file — with the few
/// cairo operations sohoa's drawing needs, as Swift calls.
///
/// Each method is one cairo call on the same context, in the same order as the caller
/// makes them, so what is drawn is exactly what cairo would draw: the generated test
/// documents stay pixel-for-pixel the same. The layout of a page (where the agency, the
/// motto or the seal go) is the caller's business; `Canvas` only knows how to put ink
/// down. It keeps cairo's model: a current colour, line width and font, a path that
/// ``stroke()`` draws, and a transformation that ``withSavedState(_:)`` brackets.
///
/// A canvas owns its cairo context, which keeps its target alive: one may outlive the call
/// that made it without dangling, though it is meant to be used inside that call.
public final class Canvas {
    let context: OpaquePointer

    init(surface: OpaquePointer) {
        context = cairo_create(surface)!
    }

    deinit {
        cairo_destroy(context)
    }

    /// Writes a PDF at `url` whose pages (`width` × `height` points) are drawn by `body`;
    /// ``showPage()`` ends each page. Text drawn with ``showText(_:)`` is real text in the
    /// PDF, as a word processor would export it.
    public static func drawPDF(at url: URL, width: Double, height: Double, _ body: (Canvas) throws -> Void) throws {
        guard let pdf = cairo_pdf_surface_create(url.path, width, height) else { throw PDFError.cannotDraw }
        defer { cairo_surface_destroy(pdf) }
        try body(Canvas(surface: pdf))
        cairo_surface_finish(pdf)
        guard cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS else { throw PDFError.cannotDraw }
    }

    /// Ends the current PDF page and starts the next; on a raster it does nothing useful.
    public func showPage() {
        cairo_show_page(context)
    }

    // MARK: State

    /// Runs `body`, then restores the colour, line width, font and transformation it changed.
    public func withSavedState<T>(_ body: () throws -> T) rethrows -> T {
        cairo_save(context)
        defer { cairo_restore(context) }
        return try body()
    }

    /// What is drawn next darkens what lies under it, as ink pressed over print does
    /// (cairo's multiply operator), instead of covering it. Restored with the saved state.
    public func multiplyInk() {
        cairo_set_operator(context, CAIRO_OPERATOR_MULTIPLY)
    }

    /// The colour of what is drawn next; components 0…1, `alpha` 1 for opaque ink.
    public func setColour(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        cairo_set_source_rgba(context, red, green, blue, alpha)
    }

    /// The width of stroked lines, in current units.
    public func setLineWidth(_ width: Double) {
        cairo_set_line_width(context, width)
    }

    /// The font of ``showText(_:)`` and ``textAdvance(_:)``: a fontconfig family name at `size` units.
    public func selectFont(family: String, size: Double, bold: Bool = false, italic: Bool = false) {
        cairo_select_font_face(context, family, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    // MARK: Transformation

    /// Multiplies the units by `factor` in both directions (e.g. points to pixels: dpi / 72).
    public func scale(by factor: Double) {
        cairo_scale(context, factor, factor)
    }

    /// Moves the origin to `(x, y)`.
    public func translate(x: Double, y: Double) {
        cairo_translate(context, x, y)
    }

    /// Turns the axes clockwise by `angle` radians (y grows downwards).
    public func rotate(by angle: Double) {
        cairo_rotate(context, angle)
    }

    // MARK: Drawing

    /// Covers everything (within the clip) with the current colour, e.g. white paper.
    public func paint() {
        cairo_paint(context)
    }

    /// Moves the current point to `(x, y)`, where the next line or text starts.
    public func move(toX x: Double, y: Double) {
        cairo_move_to(context, x, y)
    }

    /// Adds a straight line from the current point to `(x, y)` to the path.
    public func line(toX x: Double, y: Double) {
        cairo_line_to(context, x, y)
    }

    /// Adds a rectangle with its top-left corner at `(x, y)` to the path.
    public func rectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
    }

    /// Adds a full circle around `(centreX, centreY)` to the path, as a figure of its own:
    /// without the new sub-path cairo would join it to the current point with a line.
    public func circle(centreX: Double, centreY: Double, radius: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, centreX, centreY, radius, 0, 2 * .pi)
    }

    /// Paints the inside of the path in the current colour, then clears the path.
    public func fill() {
        cairo_fill(context)
    }

    /// Draws the path's outline in the current colour and line width, then clears the path.
    public func stroke() {
        cairo_stroke(context)
    }

    /// Draws `text` in the current font and colour with its baseline starting at the
    /// current point, and moves the point past it.
    public func showText(_ text: String) {
        cairo_show_text(context, text)
    }

    /// How far `text` in the current font moves the current point: its width for layout.
    public func textAdvance(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// Paints `raster` with its top-left corner at the origin, its pixels `scale` units
    /// wide: a scan placed on a PDF page.
    public func draw(_ raster: RasterSurface, scale: Double) {
        withSavedState {
            cairo_scale(context, scale, scale)
            cairo_set_source_surface(context, raster.surface, 0, 0)
            cairo_paint(context)
        }
    }
}
