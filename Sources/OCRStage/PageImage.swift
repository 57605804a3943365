import CLeptonica
import Foundation

/// A page raster owned by Swift: the one place sohoa holds a Leptonica `PIX`.
///
/// Images travel from the ingest stage (which decodes files and renders PDFs) to an OCR
/// worker on another thread. A `PageImage` is handed over, never shared: the producer
/// gives it up when it enqueues it, hence `@unchecked Sendable`. Leptonica's reference
/// counts are not atomic, so no two threads may hold the same `PIX`.
public final class PageImage: @unchecked Sendable {
    let pix: UnsafeMutablePointer<PIX>

    /// Width in pixels.
    public var width: Int { Int(pixGetWidth(pix)) }
    /// Height in pixels.
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel (1, 8 or 32 for what sohoa makes).
    public var depth: Int { Int(pixGetDepth(pix)) }
    /// Horizontal resolution the image declares; 0 when it declares none.
    public var resolution: Int { Int(pixGetXRes(pix)) }

    init(owning pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var p: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&p)
    }

    /// Decodes an image file (PNG, JPEG, TIFF); `page` picks the page of a multi-page TIFF.
    ///
    /// Check ``ImageFileInfo`` first: decoding allocates the full raster.
    public static func read(path: String, page: Int = 0, isTIFF: Bool = false) throws -> PageImage {
        PageImage.quietLeptonica
        let pix: UnsafeMutablePointer<PIX>? = isTIFF ? pixReadTiff(path, Int32(page)) : pixRead(path)
        guard let pix else { throw PageImageError.undecodable }
        return PageImage(owning: pix)
    }

    /// Converts 32-bit pixels laid out as cairo lays out an image surface into an 8-bit
    /// grey image.
    ///
    /// Each pixel is a native-endian `0xAARRGGBB` word (cairo's `ARGB32` and `RGB24`; alpha
    /// is ignored), rows `wordsPerRow` words apart; Leptonica packs 8-bit pixels big-endian
    /// within 32-bit words. The pixels come in as a `Span`, a bounds-checked view of memory
    /// the caller keeps: the renderer's surface is read in place, with no copy of the page
    /// and no pointer in the API. Converting here, row by row, avoids an encode/decode
    /// round trip (PNG costs 20–50× more, see native-libraries-notes).
    /// - Parameter dropRed: grey from the red channel alone, in which red seals and stamps
    ///   are as light as the paper (see ``greyscale(droppingRed:)``).
    public static func grey(
        argb32 pixels: Span<UInt32>, width: Int, height: Int, wordsPerRow: Int, resolution: Int, dropRed: Bool = false
    ) throws -> PageImage {
        let (pix, wpl, dst) = try newRaster(width: width, height: height, depth: 8, resolution: resolution)
        checkLayout(of: pixels, width: width, height: height, wordsPerRow: wordsPerRow)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                let srow = source.baseAddress! + y * wordsPerRow
                let drow = UnsafeMutableRawPointer(dst + y * wpl).assumingMemoryBound(to: UInt8.self)
                for x in 0..<width {
                    let argb = srow[x]
                    let r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF
                    // Rec. 601 luma in fixed point; the XOR places byte x where Leptonica reads it.
                    drow[x ^ 3] = UInt8(truncatingIfNeeded: dropRed ? r : (r * 77 + g * 150 + b * 29) >> 8)
                }
            }
        }
        return PageImage(owning: pix)
    }

    /// Converts 32-bit pixels laid out as in ``grey(argb32:width:height:wordsPerRow:resolution:dropRed:)``
    /// into a 32-bit colour image: a colour scan, for test data with red seals.
    public static func colour(
        argb32 pixels: Span<UInt32>, width: Int, height: Int, wordsPerRow: Int, resolution: Int
    ) throws -> PageImage {
        let (pix, wpl, dst) = try newRaster(width: width, height: height, depth: 32, resolution: resolution)
        checkLayout(of: pixels, width: width, height: height, wordsPerRow: wordsPerRow)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                let srow = source.baseAddress! + y * wordsPerRow
                let drow = dst + y * wpl
                for x in 0..<width {
                    // cairo: 0xAARRGGBB; Leptonica: 0xRRGGBBAA.
                    drow[x] = (srow[x] & 0x00FF_FFFF) << 8
                }
            }
        }
        return PageImage(owning: pix)
    }

    /// The conversions read rows unchecked, for speed; the whole layout is checked once here.
    private static func checkLayout(of pixels: Span<UInt32>, width: Int, height: Int, wordsPerRow: Int) {
        precondition(wordsPerRow >= width && pixels.count >= (height - 1) * wordsPerRow + width,
                     "\(pixels.count) pixels cannot hold \(height) rows of \(width), \(wordsPerRow) apart")
    }

    /// A new raster to fill: the `PIX`, its 32-bit words per line and its pixel words.
    private static func newRaster(width: Int, height: Int, depth: Int32, resolution: Int) throws
        -> (UnsafeMutablePointer<PIX>, Int, UnsafeMutablePointer<UInt32>) {
        guard width > 0, height > 0, let pix = pixCreate(Int32(width), Int32(height), depth) else {
            throw PageImageError.tooLarge(width: width, height: height)
        }
        pixSetResolution(pix, Int32(resolution), Int32(resolution))
        return (pix, Int(pixGetWpl(pix)), pixGetData(pix)!)
    }

    /// An 8-bit grey version, what the recogniser works on; colour maps are removed.
    ///
    /// - Parameter droppingRed: for a colour page, grey from the red channel alone. Red
    ///   seals and "ĐẾN" stamps are bright in red and fade to the paper's white, while black
    ///   print and blue signatures stay dark: the seal stops hiding the signer's name.
    public func greyscale(droppingRed: Bool = false) -> PageImage {
        if isPlainGrey { return clone() }
        let noMap = pixRemoveColormap(pix, Int32(REMOVE_CMAP_BASED_ON_SRC)) ?? pixClone(pix)!
        defer { var p: UnsafeMutablePointer<PIX>? = noMap; pixDestroy(&p) }
        let grey: UnsafeMutablePointer<PIX>?
        switch pixGetDepth(noMap) {
        case 32: grey = droppingRed ? pixGetRGBComponent(noMap, Int32(COLOR_RED)) : pixConvertRGBToLuminance(noMap)
        case 8: grey = pixCopy(nil, noMap)
        default: grey = pixConvertTo8(noMap, 0)
        }
        guard let grey else { return clone() }
        if pixGetXRes(grey) == 0 { pixCopyResolution(grey, pix) }
        return PageImage(owning: grey)
    }

    /// 8-bit grey without a colour map: its own ``greyscale(droppingRed:)`` either way.
    var isPlainGrey: Bool { depth == 8 && pixGetColormap(pix) == nil }

    /// A new `PageImage` that shares the pixels (Leptonica clone); for single-thread use.
    func clone() -> PageImage {
        PageImage(owning: pixClone(pix))
    }

    /// Writes PNG; for tools and test data, never on the OCR path.
    public func writePNG(to path: String) throws {
        guard pixWrite(path, pix, Int32(IFF_PNG)) == 0 else { throw PageImageError.cannotWrite(path) }
    }

    /// Writes baseline JPEG at `quality` (1–100).
    public func writeJPEG(to path: String, quality: Int) throws {
        guard pixWriteJpeg(path, pix, Int32(quality), 0) == 0 else { throw PageImageError.cannotWrite(path) }
    }

    /// Width, height and declared resolution of JPEG bytes, read from the header alone.
    public static func jpegHeader(_ jpeg: Data) throws -> (width: Int, height: Int, resolution: Int) {
        try jpeg.withUnsafeBytes { raw in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { throw PageImageError.undecodable }
            var w: Int32 = 0, h: Int32 = 0, spp: Int32 = 0, ycck: Int32 = 0, cmyk: Int32 = 0, xres: Int32 = 0, yres: Int32 = 0
            guard readHeaderMemJpeg(bytes, raw.count, &w, &h, &spp, &ycck, &cmyk) == 0 else { throw PageImageError.undecodable }
            if readResolutionMemJpeg(bytes, raw.count, &xres, &yres) != 0 { xres = 0 }
            return (Int(w), Int(h), Int(xres))
        }
    }

    /// Baseline JPEG bytes at `quality` (1–100), for embedding the page in a PDF.
    public func jpegData(quality: Int) throws -> Data {
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&bytes, &size, pix, Int32(quality), 0) == 0, let bytes else {
            throw PageImageError.cannotEncode
        }
        defer { lept_free(bytes) }
        return Data(bytes: bytes, count: size)
    }

    /// Writes `pages` as one multi-page TIFF (deflate-compressed), as a document scanner does.
    public static func writeTIFF(_ pages: [PageImage], to path: String) throws {
        for (index, page) in pages.enumerated() {
            guard pixWriteTiff(path, page.pix, Int32(IFF_TIFF_ZIP), index == 0 ? "w" : "a") == 0 else {
                throw PageImageError.cannotWrite(path)
            }
        }
    }

    /// Leptonica prints its own diagnostics on stderr; sohoa reports errors itself.
    static let quietLeptonica: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()
}

/// What an image file's header says, read without decoding the pixels, so that a
/// decompression bomb is refused before it allocates anything.
public struct ImageFileInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Pages in a TIFF; 1 for other formats.
    public var pageCount: Int

    /// Reads the header; for a TIFF, every page's size (the largest page is reported).
    public init(path: String, isTIFF: Bool) throws {
        PageImage.quietLeptonica
        var w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, res: Int32 = 0, cmap: Int32 = 0, format: Int32 = 0
        if isTIFF {
            guard let fp = fopen(path, "rb") else { throw PageImageError.undecodable }
            defer { fclose(fp) }
            var count: Int32 = 0
            guard tiffGetCount(fp, &count) == 0, count > 0 else { throw PageImageError.undecodable }
            var maxW = 0, maxH = 0
            for n in 0..<count {
                guard freadHeaderTiff(fp, n, &w, &h, &bps, &spp, &res, &cmap, &format) == 0 else {
                    throw PageImageError.undecodable
                }
                if Int(w) * Int(h) > maxW * maxH { (maxW, maxH) = (Int(w), Int(h)) }
            }
            self.width = maxW
            self.height = maxH
            self.pageCount = Int(count)
        } else {
            guard pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) == 0 else {
                throw PageImageError.undecodable
            }
            self.width = Int(w)
            self.height = Int(h)
            self.pageCount = 1
        }
    }

    public var pixelCount: Int { width * height }
}

public enum PageImageError: Error, Equatable {
    case undecodable
    case tooLarge(width: Int, height: Int)
    case cannotWrite(String)
    case cannotEncode
}
