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
    public var text: String { merging([]).text }

    /// The text with `extra` words placed where they stand on the page (points, origin
    /// top-left), and which of them added anything.
    ///
    /// The layer's own characters are exact, and an OCR reading of the same place is not:
    /// where a placed word lies over the layer's letters, digits or signs, those are kept
    /// and the reading's characters there are dropped (a widget band read again "Số: 565"
    /// as "Só:55"). What the reading finds where the layer has nothing, or only the dots
    /// of a blank to fill ("Số: ……/TB-UBND"), is added in place of the dots: the number
    /// and the day a signing system stamped into a widget.
    public func merging(_ extra: [PlacedText]) -> (text: String, added: [Int]) {
        guard let layout = boxes else { return (VietnameseText.normalize(raw), []) }
        let scalars = Array(raw.unicodeScalars)
        let count = min(layout.count, scalars.count)
        // The layer's words: runs of written characters, each with the box around it.
        var runs: [(text: String, box: PageArea)] = []
        var run: (text: String, box: PageArea)?
        for index in 0..<count {
            let scalar = scalars[index], box = layout[index]
            if PDFTextLayer.isBlankOrFiller(scalar) {
                if let ended = run { runs.append(ended) }
                run = nil
            } else if var current = run, abs(current.box.y1 - box.y1) < (box.y2 - box.y1) / 2 {
                current.text.unicodeScalars.append(scalar)
                current.box = PageArea(x1: min(current.box.x1, box.x1), y1: min(current.box.y1, box.y1),
                                       x2: max(current.box.x2, box.x2), y2: max(current.box.y2, box.y2))
                run = current
            } else {
                if let ended = run { runs.append(ended) }
                run = (String(scalar), box)
            }
        }
        if let ended = run { runs.append(ended) }
        var added: [PlacedText] = []
        var adding: [Int] = []
        for (reading, placed) in extra.enumerated() {
            let under = runs.filter { $0.box.overlaps(placed.area) }.sorted { $0.box.x1 < $1.box.x1 }
            guard !under.isEmpty else {
                added.append(placed)
                adding.append(reading)
                continue
            }
            // Read over the layer's own words: keep only what the reading has between and
            // around them ("Số: 542 /TB-UBND" over a layer holding "Số:" and "/TB-UBND"),
            // each piece in the gap it stands in. A reading that does not hold the layer's
            // words in order is a misreading of them, and the layer wins.
            let read = Array(placed.text), readKey = Array(PDFTextLayer.key(placed.text))
            guard read.count == readKey.count else { continue }
            var pieces: [PlacedText] = []
            var position = 0
            var left = placed.area.x1
            var inOrder = true
            for layerRun in under {
                let wanted = Array(PDFTextLayer.key(layerRun.text))
                guard let found = PDFTextLayer.firstIndex(of: wanted, in: readKey, from: position) else {
                    inOrder = false
                    break
                }
                if found > position {
                    pieces.append(PlacedText(text: String(read[position..<found]), area: PageArea(
                        x1: left, y1: placed.area.y1, x2: max(left + 1, layerRun.box.x1), y2: placed.area.y2)))
                }
                position = found + wanted.count
                left = layerRun.box.x2
            }
            guard inOrder else { continue }
            if position < read.count {
                pieces.append(PlacedText(text: String(read[position...]), area: PageArea(
                    x1: left, y1: placed.area.y1, x2: max(left + 1, placed.area.x2), y2: placed.area.y2)))
            }
            let kept = pieces.filter { !$0.text.allSatisfy { $0.isWhitespace || $0.isPunctuation } }
            added += kept
            if !kept.isEmpty { adding.append(reading) }
        }
        var boxes: [PageArea] = []
        var all: [Unicode.Scalar] = []
        for index in 0..<count {
            let box = layout[index], scalar = scalars[index]
            // A blank's dots under what was added give way to it.
            if scalar != " ", PDFTextLayer.isBlankOrFiller(scalar),
               added.contains(where: { $0.area.contains(x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2) }) { continue }
            boxes.append(box)
            all.append(scalar)
        }
        for placed in added {
            let glyphs = Array((" " + placed.text + " ").unicodeScalars)
            let step = (placed.area.x2 - placed.area.x1) / Double(max(1, glyphs.count))
            for (index, scalar) in glyphs.enumerated() {
                let x = placed.area.x1 + step * Double(index)
                all.append(scalar)
                boxes.append(PageArea(x1: x, y1: placed.area.y1, x2: x + step * 0.9, y2: placed.area.y2))
            }
        }
        return (VietnameseText.normalize(TextLayout.lines(scalars: all, boxes: boxes)), adding)
    }

    /// Where `part` first stands in `text` at or after `start`.
    private static func firstIndex(of part: [Character], in text: [Character], from start: Int) -> Int? {
        guard !part.isEmpty, start <= text.count - part.count else { return nil }
        return (start...(text.count - part.count)).first { text[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// Text compared across a reading and the layer: folded, lower case, one character
    /// per character, so a tone OCR slipped ("Só" for "Số") still compares equal.
    private static func key(_ text: String) -> String {
        VietnameseText.fold(VietnameseText.normalize(text)).lowercased()
    }

    /// Space, or the dots and rules of a blank left to be filled in by hand or by a stamp.
    private static func isBlankOrFiller(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || ".…_·".unicodeScalars.contains(scalar)
    }
}
