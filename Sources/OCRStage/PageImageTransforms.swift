import CLeptonica
import Foundation

/// Page geometry and measures the clean-up needs, and the degradations benchmarks use to
/// make clean pages look scanned. Each returns a new image; the receiver is not changed.
extension PageImage {
    /// The page turned by quarter turns clockwise (1, 2 or 3).
    public func rotated(quarterTurns: Int) -> PageImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        guard turns != 0, let turned = pixRotateOrth(pix, Int32(turns)) else { return clone() }
        return PageImage(owning: turned)
    }

    /// The page turned by `degrees` (clockwise positive), paper brought in white.
    public func rotated(degrees: Double) -> PageImage {
        let radians = Float(degrees * .pi / 180)
        guard let turned = pixRotate(pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0) else { return clone() }
        return PageImage(owning: turned)
    }

    /// The page scaled by `factor`, resolution scaled with it.
    public func scaled(by factor: Double) -> PageImage {
        guard let scaled = pixScale(pix, Float(factor), Float(factor)) else { return clone() }
        let resolution = Int32((Double(self.resolution) * factor).rounded())
        pixSetResolution(scaled, resolution, resolution)
        return PageImage(owning: scaled)
    }

    /// The rectangle of the page at (`left`, `top`), `width` × `height` pixels, cut to the
    /// page's edges; the whole page when nothing of the rectangle lies on it.
    public func cropped(left: Int, top: Int, width: Int, height: Int) -> PageImage {
        let x = max(0, left), y = max(0, top)
        let w = min(self.width, left + width) - x, h = min(self.height, top + height) - y
        var box: UnsafeMutablePointer<BOX>? = w > 0 && h > 0 ? boxCreate(Int32(x), Int32(y), Int32(w), Int32(h)) : nil
        guard box != nil else { return clone() }
        defer { boxDestroy(&box) }
        guard let clipped = pixClipRectangle(pix, box, nil) else { return clone() }
        return PageImage(owning: clipped)
    }

    /// The skew of the text lines in degrees and Leptonica's confidence in it (0 when it
    /// found none): ``rotated(degrees:)`` by this angle levels the lines.
    public func skew() -> (degrees: Double, confidence: Double) {
        let grey = greyscale()
        // Kept alive while Leptonica reads its pixels.
        defer { withExtendedLifetime(grey) {} }
        guard let binary = pixConvertTo1(grey.pix, 160) else { return (0, 0) }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        var angle: Float = 0, confidence: Float = 0
        guard pixFindSkew(binary, &angle, &confidence) == 0 else { return (0, 0) }
        return (Double(angle), Double(confidence))
    }

    /// Leptonica's morphological reading of which way the text faces: `up` > 0 when the
    /// lines stand right side up (< 0 upside down), `sideways` far from 0 when they run
    /// vertically. Both are confidences built from ascender and descender counts.
    public func textFacing() -> (up: Double, sideways: Double) {
        let grey = greyscale()
        defer { withExtendedLifetime(grey) {} }
        guard let binary = pixConvertTo1(grey.pix, 128) else { return (0, 0) }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        var up: Float = 0, sideways: Float = 0
        guard pixOrientDetect(binary, &up, &sideways, 0, 0) == 0 else { return (0, 0) }
        return (Double(up), Double(sideways))
    }

    /// The share of the page that is ink: pixels darker than `darkerThan` (half grey by
    /// default) once specks smaller than `speck` pixels a side are removed. A blank back
    /// side has next to none.
    public func inkCoverage(speck: Int = 3, darkerThan: Int = 128) -> Double {
        let grey = greyscale()
        defer { withExtendedLifetime(grey) {} }
        guard let binary = pixConvertTo1(grey.pix, Int32(darkerThan)) else { return 0 }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        guard let opened = pixOpenBrick(nil, binary, Int32(speck), Int32(speck)) else { return 0 }
        defer { var p: UnsafeMutablePointer<PIX>? = opened; pixDestroy(&p) }
        var count: Int32 = 0
        guard pixCountPixels(opened, &count, nil) == 0, width > 0, height > 0 else { return 0 }
        return Double(count) / Double(width * height)
    }

    // MARK: Clean-up before recognition

    /// The paper thresholded away: pixels that Sauvola's local threshold (a window a third
    /// of an inch wide, k = 0.5) finds to be paper are set to white; ink and its edge keep
    /// their grey. A local threshold leaves faint bleed-through and shading white where
    /// Tesseract's global one turns them black. On 2 shaded pages: 2.6% CER this way, 11.9%
    /// handing Tesseract hard black and white (its recogniser reads grey strokes), and
    /// 66.8% hard with k = 0.34, Leptonica's usual value, which kept the ghost text.
    public func binarized() -> PageImage {
        let grey = greyscale()
        defer { withExtendedLifetime(grey) {} }
        let halfWindow = Int32(max(8, dotsPerInch / 6))
        guard grey.width > 2 * Int(halfWindow) + 3, grey.height > 2 * Int(halfWindow) + 3 else { return grey }
        var binary: UnsafeMutablePointer<PIX>?
        guard pixSauvolaBinarizeTiled(grey.pix, halfWindow, 0.5, 1, 1, nil, &binary) == 0, let binary else { return grey }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        // One pixel around the ink keeps the anti-aliased edge of each stroke.
        guard let ink = pixDilateBrick(nil, binary, 3, 3) else { return grey }
        defer { var p: UnsafeMutablePointer<PIX>? = ink; pixDestroy(&p) }
        pixInvert(ink, ink)
        guard let thresholded = pixCopy(nil, grey.pix) else { return grey }
        pixSetMasked(thresholded, ink, 255)
        return PageImage(owning: thresholded)
    }

    /// Dark specks no larger than `largestSpeck` pixels either way painted white. Dust and
    /// scanner noise near a vowel otherwise read as a tone mark, or in a margin as
    /// punctuation. The dot of "ạ" or a full stop is about 5 px at 300 dpi: keep the bar below.
    public func despeckled(largestSpeck: Int) -> PageImage {
        let grey = greyscale()
        defer { withExtendedLifetime(grey) {} }
        guard let binary = pixConvertTo1(grey.pix, 128) else { return grey }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        guard let specks = pixSelectBySize(binary, Int32(largestSpeck), Int32(largestSpeck), 8,
                                           Int32(L_SELECT_IF_BOTH), Int32(L_SELECT_IF_LTE), nil) else { return grey }
        defer { var p: UnsafeMutablePointer<PIX>? = specks; pixDestroy(&p) }
        guard let cleaned = pixCopy(nil, grey.pix) else { return grey }
        pixSetMasked(cleaned, specks, 255)
        return PageImage(owning: cleaned)
    }

    /// The declared resolution, or 300 when the image declares none.
    var dotsPerInch: Int { resolution > 0 ? resolution : 300 }

    // MARK: Degradations, for test data and benchmarks

    /// `count` dark specks and as many white ones, squares of 1 to 3 pixels a side, at
    /// places `random` draws: dust, toner and scanner noise. Grey pages only.
    public func addingSpecks(count: Int, using random: inout some RandomNumberGenerator) -> PageImage {
        guard depth == 8, let specked = pixCopy(nil, pix) else { return clone() }
        let (w, h) = (width, height)
        for n in 0..<(2 * count) {
            let side = Int.random(in: 1...3, using: &random)
            let x = Int.random(in: 0..<(w - side), using: &random), y = Int.random(in: 0..<(h - side), using: &random)
            // For 8-bit pixels, PIX_CLR paints black and PIX_SET white.
            pixRasterop(specked, Int32(x), Int32(y), Int32(side), Int32(side), n < count ? PIX_CLR : PIX_SET, nil, 0, 0)
        }
        return PageImage(owning: specked)
    }

    /// The text of `other` showing through from the back of the sheet: mirrored, at
    /// `strength` (0–1) of its contrast, under this page's ink. Grey pages of one size.
    public func withBleedThrough(of other: PageImage, strength: Double) -> PageImage {
        guard depth == 8, other.depth == 8, let ghost = pixFlipLR(nil, other.pix) else { return clone() }
        defer { var p: UnsafeMutablePointer<PIX>? = ghost; pixDestroy(&p) }
        pixInvert(ghost, ghost)
        pixMultConstantGray(ghost, Float(strength))
        pixInvert(ghost, ghost)
        guard let combined = pixMinOrMax(nil, pix, ghost, Int32(L_CHOOSE_MIN)) else { return clone() }
        pixCopyResolution(combined, pix)
        return PageImage(owning: combined)
    }

    /// Uneven light and aged paper: the page darkened from `lightest` grey at the top left
    /// corner to `darkest` at the bottom right, ink and paper alike. Grey pages only.
    public func shaded(lightest: Int, darkest: Int) -> PageImage {
        guard depth == 8, let shaded = pixCopy(nil, pix) else { return clone() }
        let (w, h, wpl) = (width, height, Int(pixGetWpl(shaded)))
        let data = UnsafeMutableRawPointer(pixGetData(shaded)!).assumingMemoryBound(to: UInt8.self)
        for y in 0..<h {
            let row = data + y * wpl * 4
            for x in 0..<w {
                let along = (Double(x) / Double(w) + Double(y) / Double(h)) / 2
                let light = Double(lightest) - Double(lightest - darkest) * along * along
                // Leptonica packs 8-bit pixels big-endian within 32-bit words.
                row[x ^ 3] = UInt8(Double(row[x ^ 3]) * light / 255)
            }
        }
        return PageImage(owning: shaded)
    }

    /// Gaussian noise of standard deviation `sigma` grey levels, drawn from `random` (Box and
    /// Muller): the same generator state gives the same page. Leptonica's own noise draws
    /// from C's `rand()`, whose state any library in the process may move, so the same seed
    /// gave other pages from one build to the next. Grey pages only.
    public func addingNoise(sigma: Double, using random: inout some RandomNumberGenerator) -> PageImage {
        guard depth == 8 else { return clone() }
        var grey = GreyPixels(self)
        var index = 0
        func add(_ noise: Double, at index: Int) {
            grey.bytes[index] = UInt8(max(0, min(255, (Double(grey.bytes[index]) + noise).rounded())))
        }
        // Each pair of uniform draws gives two independent normal ones.
        while index < grey.bytes.count {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random), v = Double.random(in: 0..<1, using: &random)
            let radius = (-2 * log(u)).squareRoot() * sigma
            add(radius * cos(2 * .pi * v), at: index)
            if index + 1 < grey.bytes.count { add(radius * sin(2 * .pi * v), at: index + 1) }
            index += 2
        }
        return grey.image(resolution: resolution) ?? clone()
    }

    /// A box blur `radius` pixels each side.
    public func blurred(radius: Int) -> PageImage {
        guard radius > 0, let blurred = pixBlockconv(pix, Int32(radius), Int32(radius)) else { return clone() }
        return PageImage(owning: blurred)
    }

    /// Encoded as JPEG at `quality` and decoded again, with the artefacts that leaves.
    public func jpegRoundTrip(quality: Int) -> PageImage {
        guard let data = try? jpegData(quality: quality) else { return clone() }
        var warning: Int32 = 0
        let decoded = data.withUnsafeBytes { bytes in
            pixReadMemJpeg(bytes.bindMemory(to: UInt8.self).baseAddress, data.count, 0, 1, &warning, 0)
        }
        guard let decoded else { return clone() }
        pixCopyResolution(decoded, pix)
        return PageImage(owning: decoded)
    }
}
