/// A rectangle on a PDF page, in points (1/72 inch) with the origin at the top left, as
/// poppler reports text boxes.
///
/// It is poppler's `PopplerRectangle` as a Swift value, so that callers never see a C type.
public struct PageArea: Equatable, Sendable {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// Whether `(x, y)` lies inside or on the edge.
    func contains(x: Double, y: Double) -> Bool {
        x >= x1 && x <= x2 && y >= y1 && y <= y2
    }

    /// Whether the two areas share more than an edge.
    func overlaps(_ other: PageArea) -> Bool {
        x1 < other.x2 && other.x1 < x2 && y1 < other.y2 && other.y1 < y2
    }
}

/// Text drawn at a place on a page but missing from its text layer, such as what OCR read
/// from a signature widget; see ``PDFTextLayer/merging(_:)``.
public struct PlacedText: Equatable, Sendable {
    public var text: String
    public var area: PageArea

    public init(text: String, area: PageArea) {
        self.text = text
        self.area = area
    }
}
