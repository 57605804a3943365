import Foundation

/// Rebuilds reading lines from positioned characters (points, origin top-left).
enum TextLayout {
    static func lines(scalars: [Unicode.Scalar], boxes: [PageArea]) -> String {
        struct Glyph { var scalar: Unicode.Scalar; var x1, x2, y1, y2: Double }
        var glyphs: [Glyph] = []
        for (scalar, box) in zip(scalars, boxes) where !CharacterSet.newlines.contains(scalar) {
            glyphs.append(Glyph(scalar: scalar, x1: box.x1, x2: box.x2, y1: box.y1, y2: box.y2))
        }
        guard !glyphs.isEmpty else { return "" }
        // Group glyphs whose vertical centres lie within half a line height of a line's.
        glyphs.sort { ($0.y1 + $0.y2) < ($1.y1 + $1.y2) }
        var lines: [[Glyph]] = []
        var lineCentre = -Double.infinity
        for glyph in glyphs {
            let centre = (glyph.y1 + glyph.y2) / 2
            let height = max(1, glyph.y2 - glyph.y1)
            if !lines.isEmpty, abs(centre - lineCentre) < height * 0.5 {
                lines[lines.count - 1].append(glyph)
            } else {
                lines.append([glyph])
                lineCentre = centre
            }
        }
        var texts: [String] = []
        for (index, line) in lines.enumerated() {
            // A blank line where a paragraph ends, as OCR's rows have one (the classifier's
            // PageLayout): the rules end a trích yếu or a signature block there. Without it
            // a text layer's trích yếu ran on into a body that no "Căn cứ" opens.
            if index > 0, opensParagraph(line, after: lines[index - 1]) {
                texts.append("")
            }
            texts.append(text(of: line))
        }
        return texts.joined(separator: "\n")

        func opensParagraph(_ line: [Glyph], after previous: [Glyph]) -> Bool {
            guard let top = line.map(\.y1).min(), let bottom = previous.map(\.y2).max(),
                  let height = previous.map({ $0.y2 - $0.y1 }).max(), height > 0 else { return false }
            return top - bottom > height * TextLayout.paragraphGap
        }

        func text(of line: [Glyph]) -> String {
            let sorted = line.sorted { $0.x1 < $1.x1 }
            var text = String.UnicodeScalarView()
            var previous: Glyph?
            for glyph in sorted {
                let isSpace = glyph.scalar == " " || glyph.scalar == "\t"
                if let previous {
                    let gap = glyph.x1 - previous.x2
                    let height = max(1, previous.y2 - previous.y1)
                    // Two header columns sit far apart: keep them visibly apart.
                    if gap > height * 2 {
                        text.append(contentsOf: "     ".unicodeScalars)
                    } else if (gap > height * 0.15 || isSpace) && text.last != " " {
                        text.append(" ")
                    }
                }
                if !isSpace { text.append(glyph.scalar) }
                previous = glyph
            }
            return String(text)
        }
    }

    /// Space between lines of a paragraph runs to about half a line height.
    static let paragraphGap = 1.0
}
