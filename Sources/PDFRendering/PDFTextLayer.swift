import Foundation
import VietnameseText

/// A PDF page's text layer as poppler gives it — the characters in content-stream order and
/// the box of each — held as a Swift value, free of the page it came from.
///
/// Text drawn on a page but missing from its layer (what OCR read from a signature widget)
/// is merged in where it stands, so that it takes its place in the reading lines.
public struct PDFTextLayer: Sendable, Equatable {
    /// The layer's text as poppler returns it.
    let raw: String
    /// The box of each character of `raw`, in points with origin top-left; nil when poppler
    /// has no layout for the page.
    let boxes: [PageArea]?

    init(raw: String, boxes: [PageArea]?) {
        self.raw = raw
        self.boxes = boxes
    }

    /// The text as it is laid out on the page, NFC; see ``PDFPage/text``.
    public var text: String { text(adding: []) }

    /// The text plus `extra` words placed where they stand on the page (points, origin
    /// top-left).
    public func text(adding extra: [PlacedText]) -> String {
        guard let layout = boxes else { return VietnameseText.normalize(raw) }
        let scalars = Array(raw.unicodeScalars)
        // What was read from an area replaces the layer's own characters there: the reading
        // saw both the layer's text and what was stamped over it.
        func covered(_ box: PageArea) -> Bool {
            let x = (box.x1 + box.x2) / 2, y = (box.y1 + box.y2) / 2
            return extra.contains { $0.area.contains(x: x, y: y) }
        }
        var boxes: [PageArea] = []
        var all: [Unicode.Scalar] = []
        for index in 0..<min(layout.count, scalars.count) where !covered(layout[index]) {
            boxes.append(layout[index])
            all.append(scalars[index])
        }
        for placed in extra {
            let glyphs = Array((" " + placed.text + " ").unicodeScalars)
            let step = (placed.area.x2 - placed.area.x1) / Double(max(1, glyphs.count))
            for (index, scalar) in glyphs.enumerated() {
                let x = placed.area.x1 + step * Double(index)
                all.append(scalar)
                boxes.append(PageArea(x1: x, y1: placed.area.y1, x2: x + step * 0.9, y2: placed.area.y2))
            }
        }
        return VietnameseText.normalize(TextLayout.lines(scalars: all, boxes: boxes))
    }
}
