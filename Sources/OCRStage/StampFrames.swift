import CLeptonica

extension PageImage {
    /// The page with the frames of its boxed stamps lifted, and each frame's box. A frame is
    /// a thin rectangle of a stamp's size around words ("MẬT", "HỎA TỐC", "KHẨN" in a box,
    /// Nghị định 30, Phụ lục I, ô 10b and 11). Tesseract's layout analysis may take such a
    /// small framed box for a picture and drop its words: a boxed secrecy or urgency stamp
    /// was missed, silently, on four of the seven tuning draws. `PageReader` reads each box
    /// again on its own, cut from the page this returns.
    ///
    /// A frame is a connected blot of ink 0.4 to 4 inches wide and 0.15 to 1.2 inches tall,
    /// wider than tall, with an unbroken line along each of its four edges (ink in nine
    /// tenths of each edge's band, a fortieth of an inch deep) and an inside mostly paper.
    /// Words whose marks touch their frame make one blot with it and still count. A page
    /// with no frame is returned as it is.
    func liftingStampFrames() -> (page: PageImage, frames: [PixelZone]) {
        let dpi = dotsPerInch
        let grey = greyscale()
        guard let binary = pixConvertTo1(grey.pix, 200) else { return (self, []) }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        var components: UnsafeMutablePointer<PIXA>?
        guard let boxes = pixConnComp(binary, &components, 8), let components else { return (self, []) }
        defer {
            var b: UnsafeMutablePointer<BOXA>? = boxes
            boxaDestroy(&b)
            var c: UnsafeMutablePointer<PIXA>? = components
            pixaDestroy(&c)
        }
        let widths = Int(0.4 * Double(dpi))...(4 * dpi), heights = Int(0.15 * Double(dpi))...Int(1.2 * Double(dpi))
        let band = max(3, dpi / 40)
        var lifted: UnsafeMutablePointer<PIX>?
        var frames: [PixelZone] = []
        for index in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            guard boxaGetBoxGeometry(boxes, index, &x, &y, &w, &h) == 0,
                  widths.contains(Int(w)), heights.contains(Int(h)), w > h,
                  let mask = pixaGetPix(components, index, Int32(L_CLONE)) else { continue }
            defer { var p: UnsafeMutablePointer<PIX>? = mask; pixDestroy(&p) }
            guard let outline = Self.frameLines(of: mask, width: Int(w), height: Int(h), band: band),
                  let page = lifted ?? pixCopy(nil, grey.pix) else { continue }
            defer { var p: UnsafeMutablePointer<PIX>? = outline; pixDestroy(&p) }
            // The outline's canvas has a pixel of margin all round (see `frameLines`).
            pixPaintThroughMask(page, outline, x - 1, y - 1, 255)
            lifted = page
            frames.append(PixelZone(left: Int(x), top: Int(y), right: Int(x + w), bottom: Int(y + h)))
        }
        guard let lifted else { return (self, []) }
        return (PageImage(owning: lifted), frames)
    }

    /// The page with `pixels` of white paper added on each side.
    func padded(by pixels: Int) -> PageImage {
        let grey = greyscale()
        guard let wider = pixAddBorder(grey.pix, Int32(pixels), 255) else { return self }
        return PageImage(owning: wider)
    }

    /// The frame's own lines, when the blot is a frame: each edge's band (`band` deep) has
    /// ink in nine tenths of its length, and under half of the inside is inked (a filled
    /// block is no frame). The mask returned marks the rows and columns of those bands that
    /// are mostly ink, a pixel more on each side for the line's grey fringe, on a canvas a
    /// pixel larger all round than the blot. Letters that touch the frame keep all but what
    /// lies on its lines.
    private static func frameLines(of mask: UnsafeMutablePointer<PIX>, width: Int, height: Int, band: Int) -> UnsafeMutablePointer<PIX>? {
        guard width > 2 * band, height > 2 * band else { return nil }
        let edges = [(0, 0, width, band, true), (0, height - band, width, band, true),
                     (0, 0, band, height, false), (width - band, 0, band, height, false)]
        for (x, y, w, h, across) in edges where covered(mask, x: x, y: y, width: w, height: h, across: across) < 0.9 {
            return nil
        }
        let inner = (x: band, y: band, width: width - 2 * band, height: height - 2 * band)
        guard inked(mask, inner) < 0.5 * Double(inner.width * inner.height),
              let rows = pixCountPixelsByRow(mask, nil), let columns = pixCountPixelsByColumn(mask),
              let outline = pixCreate(Int32(width + 2), Int32(height + 2), 1) else { return nil }
        defer {
            var r: UnsafeMutablePointer<NUMA>? = rows, c: UnsafeMutablePointer<NUMA>? = columns
            numaDestroy(&r)
            numaDestroy(&c)
        }
        func count(_ numbers: UnsafeMutablePointer<NUMA>, _ index: Int) -> Double {
            var value: Float = 0
            numaGetFValue(numbers, Int32(index), &value)
            return Double(value)
        }
        for row in Array(0..<band) + Array((height - band)..<height) where count(rows, row) >= 0.5 * Double(width) {
            // Rows row-1…row+1 of the blot are rows row…row+2 of the canvas.
            pixRasterop(outline, 0, Int32(row), Int32(width + 2), 3, PIX_SET, nil, 0, 0)
        }
        for column in Array(0..<band) + Array((width - band)..<width) where count(columns, column) >= 0.5 * Double(height) {
            pixRasterop(outline, Int32(column), 0, 3, Int32(height + 2), PIX_SET, nil, 0, 0)
        }
        return outline
    }

    /// The share of the rectangle's columns (`across`) or rows that hold ink.
    private static func covered(_ mask: UnsafeMutablePointer<PIX>, x: Int, y: Int, width: Int, height: Int, across: Bool) -> Double {
        guard let box = boxCreate(Int32(x), Int32(y), Int32(width), Int32(height)) else { return 0 }
        defer { var b: UnsafeMutablePointer<BOX>? = box; boxDestroy(&b) }
        guard let clip = pixClipRectangle(mask, box, nil) else { return 0 }
        defer { var p: UnsafeMutablePointer<PIX>? = clip; pixDestroy(&p) }
        guard let counts = across ? pixCountPixelsByColumn(clip) : pixCountPixelsByRow(clip, nil) else { return 0 }
        defer { var n: UnsafeMutablePointer<NUMA>? = counts; numaDestroy(&n) }
        let total = Int(numaGetCount(counts))
        guard total > 0 else { return 0 }
        let inked = (0..<total).filter { index in
            var value: Float = 0
            numaGetFValue(counts, Int32(index), &value)
            return value > 0
        }.count
        return Double(inked) / Double(total)
    }

    /// Ink pixels of the mask inside the rectangle.
    private static func inked(_ mask: UnsafeMutablePointer<PIX>, _ rect: (x: Int, y: Int, width: Int, height: Int)) -> Double {
        guard let box = boxCreate(Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height)) else { return 0 }
        defer { var b: UnsafeMutablePointer<BOX>? = box; boxDestroy(&b) }
        guard let clip = pixClipRectangle(mask, box, nil) else { return 0 }
        defer { var p: UnsafeMutablePointer<PIX>? = clip; pixDestroy(&p) }
        var count: Int32 = 0
        pixCountPixels(clip, &count, nil)
        return Double(count)
    }
}
