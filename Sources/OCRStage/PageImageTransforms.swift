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

    // MARK: Degradations, for test data and benchmarks

    /// Gaussian noise of standard deviation `sigma` grey levels.
    public func addingNoise(sigma: Double) -> PageImage {
        guard let noisy = pixAddGaussianNoise(pix, Float(sigma)) else { return clone() }
        return PageImage(owning: noisy)
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
