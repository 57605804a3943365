import CLeptonica
import Foundation

/// A round seal found on a grey page: the agency's stamp, two rings with its name between.
///
/// In a colour scan the seal is red and ``PageCleanup/dropRed`` makes it vanish. Archives
/// scan in grey too, where the red is a mid grey over the signature: the outer ring
/// crosses the position line and the name (Nghị định 30 puts the seal over the left third
/// of the signature), and Tesseract reads ring and name as one. The ring is told by its
/// shape, not its colour.
public struct SealRing: Sendable, Equatable {
    /// The centre, in pixels from the page's top-left corner.
    public var centreX: Double
    public var centreY: Double
    /// The outer edge of the outer ring and the inner edge of the inner one (or of the
    /// band the seal's lettering fills, when it has one ring): the seal's ink lies between.
    public var outerRadius: Double
    public var innerRadius: Double
    /// The seal ink's grey (the median of its ring); print crossing it is darker.
    public var inkLevel: Int
}

extension SealRing {
    /// The part of the page that holds the signature this seal was pressed on: Nghị định
    /// 30 puts the seal over the left third of the signature, so the authority and position
    /// lines stand above the ring and to its right, and the name under the signature, at
    /// the ring's foot. The margins, an inch above the ring, 0.4 inch below it, 0.2 to its
    /// left and 2.5 inches to its right, take in three lines over the signature and a name
    /// in 14 pt capitals, and leave the recipients' column on the left out.
    func signatureZone(dotsPerInch: Int) -> PixelZone {
        let inch = Double(dotsPerInch)
        return PixelZone(left: Int(centreX - outerRadius - 0.2 * inch), top: Int(centreY - outerRadius - 1.0 * inch),
                         right: Int(centreX + outerRadius + 2.5 * inch), bottom: Int(centreY + outerRadius + 0.4 * inch))
    }

    /// The same ring on a cut of the page whose corner lies at (`x`, `y`).
    func moved(x: Int, y: Int) -> SealRing {
        var ring = self
        ring.centreX -= Double(x)
        ring.centreY -= Double(y)
        return ring
    }
}

extension PageImage {
    /// Round seals on the page, found as rings: among the connected blots of ink larger
    /// than 0.7 inch each way (letters and words never are), a circle of a seal's size
    /// (radius 0.45–1.15 inch; seals measure 32–50 mm) that ink follows around at least
    /// four fifths of its length.
    public func sealRings() -> [SealRing] {
        let grey = greyscale()
        return grey.ringsAndPixels().rings
    }

    /// The page with the seals' ink lifted: between each seal's inner and outer radius,
    /// pixels as light as the seal's ink or lighter become paper; darker ones, print that
    /// crosses the seal, stay. Returns the rings it lifted.
    public func liftingSeals() -> (page: PageImage, seals: [SealRing]) {
        let grey = greyscale()
        guard case (let rings, var pixels?) = grey.ringsAndPixels(), !rings.isEmpty else { return (self, []) }
        for ring in rings { pixels.lift(ring) }
        guard let page = pixels.image(resolution: resolution) else { return (self, []) }
        return (page, rings)
    }

    /// This grey page with the ink of `seals`, found on it before, lifted, keeping only
    /// what is darker than a seal's ink by `margin` greys (``liftingSeals()`` keeps 20).
    /// Print the seal's ink covered is about as dark as that ink: a wider margin leaves less
    /// of the ring and cuts more of the print it crossed, a narrower one the reverse, and a
    /// name one lifting leaves unreadable may read whole under another.
    func lifting(_ seals: [SealRing], keepingDarkerBy margin: Int) -> PageImage {
        var pixels = GreyPixels(greyscale())
        for seal in seals { pixels.lift(seal, keepingDarkerBy: margin) }
        return pixels.image(resolution: resolution) ?? self
    }

    /// The rings on this grey page, and its pixels, copied out when there was a blot large
    /// enough to look at (most pages have none, and are not copied at all).
    private func ringsAndPixels() -> (rings: [SealRing], pixels: GreyPixels?) {
        let dpi = Double(dotsPerInch)
        let boxes = blots(minimumSide: Int(0.7 * dpi), maximumSide: Int(3.5 * dpi))
        guard !boxes.isEmpty else { return ([], nil) }
        let pixels = GreyPixels(self)
        let rings = boxes.compactMap { box in
            pixels.ring(in: box, radii: 0.45 * dpi...1.15 * dpi, tolerance: max(2, dpi / 60))
        }
        return (rings, pixels)
    }

    /// Bounding boxes of the connected blots of ink (8-connected, darker than 200) of this
    /// grey page whose sides both lie within the bounds.
    private func blots(minimumSide: Int, maximumSide: Int) -> [(x: Int, y: Int, width: Int, height: Int)] {
        guard let binary = pixConvertTo1(pix, 200) else { return [] }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        guard let boxes = pixConnComp(binary, nil, 8) else { return [] }
        defer { var b: UnsafeMutablePointer<BOXA>? = boxes; boxaDestroy(&b) }
        var found: [(Int, Int, Int, Int)] = []
        for index in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            guard boxaGetBoxGeometry(boxes, index, &x, &y, &w, &h) == 0 else { continue }
            if (minimumSide...maximumSide).contains(Int(w)), (minimumSide...maximumSide).contains(Int(h)) {
                found.append((Int(x), Int(y), Int(w), Int(h)))
            }
        }
        return found
    }
}

/// An 8-bit page copied out of Leptonica, to be read and changed pixel by pixel.
struct GreyPixels {
    let width: Int, height: Int
    var bytes: [UInt8]

    init(_ image: PageImage) {
        width = image.width
        height = image.height
        bytes = [UInt8](repeating: 255, count: width * height)
        guard image.depth == 8, let data = pixGetData(image.pix) else { return }
        let wordsPerLine = Int(pixGetWpl(image.pix))
        withExtendedLifetime(image) {
            let raw = UnsafeRawPointer(data)
            for y in 0..<height {
                let row = raw + y * wordsPerLine * 4
                for x in 0..<width {
                    // Leptonica packs 8-bit pixels big-endian in 32-bit words.
                    bytes[y * width + x] = row.load(fromByteOffset: x ^ 3, as: UInt8.self)
                }
            }
        }
    }

    subscript(x: Int, y: Int) -> UInt8 {
        get { bytes[y * width + x] }
        set { bytes[y * width + x] = newValue }
    }

    /// Back into a Leptonica image declaring `resolution` dpi.
    func image(resolution: Int) -> PageImage? {
        guard let pix = pixCreate(Int32(width), Int32(height), 8), let data = pixGetData(pix) else { return nil }
        pixSetResolution(pix, Int32(resolution), Int32(resolution))
        let wordsPerLine = Int(pixGetWpl(pix))
        let raw = UnsafeMutableRawPointer(data)
        for y in 0..<height {
            let row = raw + y * wordsPerLine * 4
            for x in 0..<width {
                row.storeBytes(of: bytes[y * width + x], toByteOffset: x ^ 3, as: UInt8.self)
            }
        }
        return PageImage(owning: pix)
    }

    /// Ink pixels (darker than 200) of the box, every `stride`-th one each way.
    private func ink(in box: (x: Int, y: Int, width: Int, height: Int), stride: Int) -> [(x: Double, y: Double)] {
        var points: [(Double, Double)] = []
        for y in Swift.stride(from: box.y, to: min(height, box.y + box.height), by: stride) {
            for x in Swift.stride(from: box.x, to: min(width, box.x + box.width), by: stride) where self[x, y] < 200 {
                points.append((Double(x), Double(y)))
            }
        }
        return points
    }

    /// The circle that most of the box's ink follows, if it is a seal's outer ring: fitted
    /// by RANSAC (circles through three ink points drawn at random; the one most points lie
    /// on wins), then measured: its ring's width, an inner ring if there is one, its grey.
    func ring(in box: (x: Int, y: Int, width: Int, height: Int), radii: ClosedRange<Double>, tolerance: Double) -> SealRing? {
        var stride = 1
        var points = ink(in: box, stride: stride)
        while points.count > 4000 {
            stride += 1
            points = ink(in: box, stride: stride)
        }
        guard points.count >= 30 else { return nil }
        var random = SealRandom()
        var best: (x: Double, y: Double, r: Double, score: Int)?
        for _ in 0..<600 {
            let a = points[random.below(points.count)], b = points[random.below(points.count)], c = points[random.below(points.count)]
            guard let circle = GreyPixels.circle(through: a, b, c), radii.contains(circle.r),
                  circle.x > Double(box.x), circle.x < Double(box.x + box.width),
                  circle.y > Double(box.y), circle.y < Double(box.y + box.height) else { continue }
            let score = points.reduce(0) { count, p in
                abs(((p.x - circle.x) * (p.x - circle.x) + (p.y - circle.y) * (p.y - circle.y)).squareRoot() - circle.r) <= tolerance
                    ? count + 1 : count
            }
            if score > best?.score ?? 0 { best = (circle.x, circle.y, circle.r, score) }
        }
        guard let best else { return nil }
        let outer = band(around: best.r, centre: (best.x, best.y), within: tolerance * 3)
        guard outer.coverage >= 29 else { return nil }
        // A second ring inside, the lettering between: the ink to lift lies from the inner
        // ring's inner edge out. Without an inner ring, the lettering's band is about 0.3 r.
        var innerEdge = best.r * 0.68
        var strongest = (radius: 0.0, coverage: 0)
        for radius in Swift.stride(from: best.r * 0.5, through: outer.lower - tolerance * 2, by: 1.0) {
            let coverage = self.coverage(at: radius, centre: (best.x, best.y), halfWidth: 1.5)
            if coverage > strongest.coverage { strongest = (radius, coverage) }
        }
        if strongest.coverage >= 29 {
            innerEdge = band(around: strongest.radius, centre: (best.x, best.y), within: tolerance * 2).lower
        }
        return SealRing(centreX: best.x, centreY: best.y, outerRadius: outer.upper, innerRadius: innerEdge,
                        inkLevel: outer.inkLevel)
    }

    /// How many of 36 equal arcs of the circle have ink within `halfWidth` of it.
    private func coverage(at radius: Double, centre: (x: Double, y: Double), halfWidth: Double) -> Int {
        var arcs = Set<Int>()
        let steps = max(72, Int(2 * Double.pi * radius))
        for step in 0..<steps {
            let angle = 2 * Double.pi * Double(step) / Double(steps)
            for offset in [-halfWidth, 0, halfWidth] {
                let x = Int((centre.x + (radius + offset) * cos(angle)).rounded())
                let y = Int((centre.y + (radius + offset) * sin(angle)).rounded())
                if x >= 0, y >= 0, x < width, y < height, self[x, y] < 200 {
                    arcs.insert(step * 36 / steps)
                    break
                }
            }
        }
        return arcs.count
    }

    /// The ring around `radius`: the radii, within `within` of it, at which ink covers at
    /// least half as many arcs as at the best one; how many arcs it covers; its median grey.
    private func band(around radius: Double, centre: (x: Double, y: Double), within: Double)
        -> (lower: Double, upper: Double, coverage: Int, inkLevel: Int) {
        let radii = Array(Swift.stride(from: radius - within, through: radius + within, by: 1.0))
        let coverages = radii.map { coverage(at: $0, centre: centre, halfWidth: 0) }
        let peak = coverages.max() ?? 0
        let inRing = radii.indices.filter { coverages[$0] * 2 >= peak }
        let lower = radii[inRing.first ?? 0], upper = radii[inRing.last ?? 0]
        var greys: [UInt8] = []
        let steps = Int(2 * Double.pi * radius)
        for step in 0..<max(1, steps) {
            let angle = 2 * Double.pi * Double(step) / Double(max(1, steps))
            for r in Swift.stride(from: lower, through: upper, by: 1.0) {
                let x = Int((centre.x + r * cos(angle)).rounded()), y = Int((centre.y + r * sin(angle)).rounded())
                if x >= 0, y >= 0, x < width, y < height, self[x, y] < 200 { greys.append(self[x, y]) }
            }
        }
        greys.sort()
        return (lower, upper, peak, greys.isEmpty ? 0 : Int(greys[greys.count / 2]))
    }

    /// Paints the seal's ink paper-white, leaving what is darker than it by a margin: print
    /// crossing the seal is black, or black under the seal's ink.
    mutating func lift(_ ring: SealRing, keepingDarkerBy margin: Int = 20) {
        let reach = ring.outerRadius + 2
        let keepBelow = UInt8(clamping: ring.inkLevel - margin)
        let inner = max(0, ring.innerRadius - 2)
        for y in max(0, Int(ring.centreY - reach))...min(height - 1, Int(ring.centreY + reach)) {
            for x in max(0, Int(ring.centreX - reach))...min(width - 1, Int(ring.centreX + reach)) {
                let dx = Double(x) - ring.centreX, dy = Double(y) - ring.centreY
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance >= inner, distance <= reach, self[x, y] >= keepBelow { self[x, y] = 255 }
            }
        }
    }

    /// The circle through three points; nil when they lie on a line.
    static func circle(through a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ c: (x: Double, y: Double))
        -> (x: Double, y: Double, r: Double)? {
        let d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
        guard abs(d) > 1e-6 else { return nil }
        let a2 = a.x * a.x + a.y * a.y, b2 = b.x * b.x + b.y * b.y, c2 = c.x * c.x + c.y * c.y
        let x = (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d
        let y = (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d
        return (x, y, ((a.x - x) * (a.x - x) + (a.y - y) * (a.y - y)).squareRoot())
    }
}

/// A fixed stream of indices for the ring search, so a page is cleaned alike every time.
private struct SealRandom {
    private var state: UInt64 = 0x5EA1_5EA1

    mutating func below(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
