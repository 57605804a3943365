import DocumentModel
import Foundation
import VietnameseText

/// What the OCR stage does to a page image before Tesseract reads it. Each step can be
/// switched off (`ocr.cleanup` in `pipeline.yaml`); BENCHMARKS.md shows what each pays.
public struct PageCleanup: Sendable, Equatable {
    /// Colour pages are read from their red channel, where red seals and stamps vanish.
    public var dropRed = true
    /// Pages on their side or upside down are turned upright first (Tesseract OSD).
    public var orientation = true
    /// OSD's confidence below which a page is left as it is.
    public var minimumOrientationConfidence = 2.0
    /// Round seals on grey pages, where ``dropRed`` cannot see their colour, are found by
    /// their rings and their ink lifted off the signature (``SealRing``).
    public var liftSeals = true
    /// The signature under each lifted seal is read a second time on its own, as one block
    /// of lines, and that reading replaces the page's there (``SealRing/signatureZone``):
    /// the page's layout analysis splits a name the ring crossed into pieces.
    public var rereadSealZones = true
    /// Each boxed stamp (a boxed "MẬT", "HỎA TỐC") is read a second time on its own, its
    /// frame lifted, and that reading replaces the page's there where it is surer, or
    /// stands where the page read nothing: the page's layout analysis may take a small
    /// framed box for a picture and drop its words (``PageImage/liftingStampFrames()``).
    public var rereadStampFrames = true
    /// When the page's reading of a lifted seal's foot holds no signer's name that the
    /// name lists place, the foot is read three more ways: lifted keeping less of the seal's
    /// ink (two depths), and at twice its size; and when none of those places a name, the
    /// whole signature zone the same ways. The ring hides the print it crosses, and a name
    /// it cut one way often reads whole another. A name that one of those readings places
    /// replaces the page's line there (the commonest, when they differ). It needs the
    /// pipeline's name check (``PageReader/init(language:dataPath:cleanup:names:)``).
    public var rereadSealNames = true
    /// Skewed pages are levelled.
    public var deskew = true
    /// Skew below this many degrees is left to Tesseract, which reads it well; turning a
    /// page resamples every stroke, and on a real scan a 0.2° turn cost a stamped title.
    public var minimumDeskewDegrees = 1.0
    /// Pages with less ink than this share of their area are blank (back sides): recorded
    /// as blank, not recognised into noise. 0 recognises every page.
    public var blankInkShare = 0.0005
    /// Tesseract is handed the page with its paper thresholded away locally (Sauvola),
    /// instead of thresholding the grey page globally itself. For shaded, yellowed and
    /// show-through paper; off by default, as it costs ~0.3 s a page and a little accuracy
    /// on other scans (BENCHMARKS.md).
    public var binarize = false
    /// Dark specks up to 3 px at 300 dpi are removed before recognition (pages of 250 dpi
    /// and more).
    public var despeckle = true
    /// After recognition: words that cannot be Vietnamese syllables and that Tesseract was
    /// unsure of are corrected to the one nearest valid syllable (``VietnameseTextRepair``),
    /// and tone marks put in one place (hoà → hòa).
    public var repairSyllables = true
    /// On each input's first page, where the trích yếu stands, the recogniser's other
    /// choices for letters' marks are kept (``RecognizedWord/alternatives``): a slip it
    /// hesitated over is then named for review. They cost that page 12% more CPU time.
    public var firstPageMarkChoices = true

    public init() {}
}

/// Whether a line, as OCR read it, holds a person's full name that the name lists place.
/// The OCR stage knows no names; the classifier does, and the pipeline hands its check in.
public typealias NameCheck = (String) -> Bool

/// The OCR stage as one worker runs it: clean-up, then recognition. Not `Sendable`: it
/// owns Tesseract engines, which belong to one thread.
public final class PageReader {
    public let cleanup: PageCleanup
    private let engine: TesseractEngine
    private let names: NameCheck?
    /// Loaded the first time a page needs it: most pages are found upright without it, and
    /// its legacy model holds ~50 MB per worker (BENCHMARKS.md, "Fewer CPU-seconds").
    private var orientation: OrientationDetector?

    /// `names` tells a signer's name from a misreading of one, for
    /// ``PageCleanup/rereadSealNames``; without it no seal's foot is read again.
    public init(language: String, dataPath: String? = nil, cleanup: PageCleanup = PageCleanup(),
                names: NameCheck? = nil) throws {
        self.cleanup = cleanup
        self.names = names
        engine = try TesseractEngine(language: language, dataPath: dataPath)
        // A missing model stops the batch at its start, not at the first turned page.
        if cleanup.orientation, !OrientationDetector.isInstalled(dataPath: engine.dataPath) {
            throw OCRError.modelNotInstalled("osd")
        }
    }

    /// The tessdata folder the model was loaded from (also home of the searchable PDF's font).
    public var dataPath: String { engine.dataPath }

    public func read(_ image: PageImage, pageNumber: Int, deadline: Double? = nil) throws -> RecognizedPage {
        try recognize(image, pageNumber: pageNumber, deadline: deadline).0
    }

    /// Reads the page and also returns it as people should see it in the searchable PDF:
    /// turned and levelled like the image Tesseract read, so word boxes fall on their
    /// words, but in plain grey — seals and stamps that clean-up faded for recognition
    /// stay visible. `display` is that grey when the caller has it already (a PDF page
    /// rendered both ways); otherwise it is taken from `image`.
    public func readForArchive(
        _ image: PageImage, display: PageImage? = nil, pageNumber: Int, deadline: Double? = nil
    ) throws -> (page: RecognizedPage, display: PageImage) {
        let (page, report, upright) = try recognize(image, pageNumber: pageNumber, deadline: deadline)
        // A grey scan is its own plain grey: the upright page clean-up turned and levelled
        // serves as it is, instead of turning the page a second time (~15 ms a page).
        if display == nil, image.isPlainGrey { return (page, upright) }
        var shown = display ?? image.greyscale(droppingRed: false)
        shown = shown.rotated(quarterTurns: report.quarterTurns)
        if report.deskewDegrees != 0 { shown = shown.rotated(degrees: report.deskewDegrees) }
        return (page, shown)
    }

    private func recognize(
        _ image: PageImage, pageNumber: Int, deadline: Double?
    ) throws -> (RecognizedPage, PageCleanupReport, upright: PageImage) {
        let (prepared, cleaned, upright, seals) = try prepare(image)
        var report = cleaned
        guard !report.blank else {
            let page = RecognizedPage(number: pageNumber, text: "", source: .ocr, confidence: nil, words: [],
                                      width: prepared.width, height: prepared.height, cleanup: report)
            return (page, report, upright)
        }
        var (layout, confidence) = try engine.read(prepared, pageNumber: pageNumber, deadline: deadline,
                                                   markChoices: cleanup.firstPageMarkChoices && pageNumber == 1)
        if cleanup.rereadSealZones {
            for seal in seals {
                let zone = seal.signatureZone(dotsPerInch: prepared.dotsPerInch).clipped(width: prepared.width, height: prepared.height)
                guard zone.width > 0, zone.height > 0 else { continue }
                let cut = prepared.cropped(left: zone.left, top: zone.top, width: zone.width, height: zone.height)
                let reading = try engine.read(cut, pageNumber: pageNumber, deadline: deadline, segmentation: .block)
                layout = layout.replacing(zone, with: reading.layout.moved(x: zone.left, y: zone.top))
            }
        }
        if cleanup.rereadSealNames, let names {
            var reread = 0
            for seal in seals {
                let (chosen, name) = try rereadingName(under: seal, in: layout, page: prepared, unlifted: upright,
                                                       names: names, pageNumber: pageNumber, deadline: deadline)
                layout = chosen
                if name { reread += 1 }
            }
            report.sealNamesReread = reread
        }
        if cleanup.rereadStampFrames {
            let (lifted, frames) = prepared.liftingStampFrames()
            let margin = prepared.dotsPerInch / 20, paper = 2 * margin
            for frame in frames {
                let zone = PixelZone(left: frame.left - margin, top: frame.top - margin,
                                     right: frame.right + margin, bottom: frame.bottom + margin)
                    .clipped(width: prepared.width, height: prepared.height)
                // Paper added round the cut: Tesseract reads a word with room round it.
                let cut = lifted.cropped(left: zone.left, top: zone.top, width: zone.width, height: zone.height).padded(by: paper)
                let reading = try engine.read(cut, pageNumber: pageNumber, deadline: deadline, segmentation: .block)
                // A reading with no word leaves the page's as it is, doubted words and all.
                guard reading.layout.words.contains(where: { $0.text.contains(where: \.isLetter) }) else { continue }
                layout = layout.replacing(zone, with: reading.layout.moved(x: zone.left - paper, y: zone.top - paper))
            }
            report.stampFramesReread = frames.count
        }
        var page = RecognizedPage(number: pageNumber, text: layout.text, source: .ocr, confidence: confidence,
                                  words: layout.words, width: prepared.width, height: prepared.height)
        if cleanup.repairSyllables { repair(&page, report: &report) }
        page.cleanup = report
        return (page, report, upright)
    }

    /// `layout` with the signer's name at the foot of `seal` taken from another reading,
    /// when its own line there holds no name `names` places and another reading's does
    /// (``PageCleanup/rereadSealNames``); and whether it was. The foot is the signature
    /// zone from the ring's centre down: the name stands at the ring's foot. When no
    /// reading of the foot places a name, the whole zone is read the same ways: with the
    /// lines above it, Tesseract sizes the name's letters better.
    private func rereadingName(
        under seal: SealRing, in layout: WordLayout, page: PageImage, unlifted: PageImage,
        names: NameCheck, pageNumber: Int, deadline: Double?
    ) throws -> (WordLayout, Bool) {
        let zone = seal.signatureZone(dotsPerInch: page.dotsPerInch).clipped(width: page.width, height: page.height)
        let foot = PixelZone(left: zone.left, top: max(zone.top, Int(seal.centreY)), right: zone.right, bottom: zone.bottom)
        guard foot.width > 0, foot.height > 0 else { return (layout, false) }
        let lines = layout.paragraphs.flatMap { $0 }.map { $0.filter(foot.holds) }
        guard !lines.contains(where: { names(WordLayout.text(of: $0)) }) else { return (layout, false) }
        for area in [foot, zone] {
            let readings = try rereadings(of: area, under: seal, page: page, unlifted: unlifted,
                                          pageNumber: pageNumber, deadline: deadline)
            if let name = WordLayout.placedName(among: readings, of: area, names: names) {
                return (layout.placing(name, in: area), true)
            }
        }
        return (layout, false)
    }

    /// Three more readings of `area`, moved onto the page: lifted keeping 30 and 40 greys
    /// darker than the seal's ink, and as lifted at twice its size.
    private func rereadings(
        of area: PixelZone, under seal: SealRing, page: PageImage, unlifted: PageImage, pageNumber: Int, deadline: Double?
    ) throws -> [WordLayout] {
        let cut = { (image: PageImage) in image.cropped(left: area.left, top: area.top, width: area.width, height: area.height) }
        let images: [(image: PageImage, scale: Int)] = [30, 40].map { margin in
            var lifted = cut(unlifted).lifting([seal.moved(x: area.left, y: area.top)], keepingDarkerBy: margin)
            if cleanup.despeckle, lifted.dotsPerInch >= 250 { lifted = lifted.despeckled(largestSpeck: lifted.dotsPerInch / 100) }
            return (lifted, 1)
        } + [(cut(page).scaled(by: 2), 2)]
        return try images.map { image, scale in
            try engine.read(image, pageNumber: pageNumber, deadline: deadline, segmentation: .block)
                .layout.moved(x: area.left, y: area.top, scale: scale)
        }
    }

    private func repair(_ page: inout RecognizedPage, report: inout PageCleanupReport) {
        let repair = VietnameseTextRepair()
        // Tesseract's page text and its word list hold the same words in the same order.
        let result = repair.repair(page.text, confidences: page.words.map(\.confidence))
        page.text = VietnameseText.normalizeTonePlacement(result.text)
        page.words = page.words.map { word in
            var word = word
            word.text = VietnameseText.normalizeTonePlacement(repair.repair(word.text, confidences: [word.confidence]).text)
            return word
        }
        report.invalidSyllables = result.invalidSyllables
        report.syllablesRepaired = result.wordsChanged
    }

    /// The page as Tesseract should see it, what was done to get there, and the page
    /// after the geometry alone (turned and levelled, in the grey clean-up reads).
    ///
    /// Geometry first (orientation, skew), then seals, the threshold and specks, which are
    /// judged on the upright page.
    ///
    /// Ink, orientation and skew are measured on a copy at half the resolution when the
    /// page is large (a 300 dpi A4 becomes 150 dpi): the measures hold there, and at full
    /// size they cost a third as much again as recognition itself.
    private func prepare(_ image: PageImage) throws -> (PageImage, PageCleanupReport, upright: PageImage, seals: [SealRing]) {
        var report = PageCleanupReport()
        var seals: [SealRing] = []
        var page = image.greyscale(droppingRed: cleanup.dropRed)
        let halved = page.width * page.height > 4_000_000
        var sample = halved ? page.scaled(by: 0.5) : page
        // Specks are removed by a square opening; at half size, strokes are half as thick.
        if cleanup.blankInkShare > 0, sample.inkCoverage(speck: halved ? 2 : 3) < cleanup.blankInkShare {
            report.blank = true
            return (page, report, page, [])
        }
        if cleanup.orientation, !standsUpright(sample), let found = try orientationDetector().textTurns(of: sample),
           found.quarterTurns != 0, found.confidence >= cleanup.minimumOrientationConfidence {
            report.quarterTurns = (4 - found.quarterTurns) % 4
            page = page.rotated(quarterTurns: report.quarterTurns)
            sample = sample.rotated(quarterTurns: report.quarterTurns)
        }
        if cleanup.deskew {
            let skew = sample.skew()
            if abs(skew.degrees) >= cleanup.minimumDeskewDegrees, skew.confidence >= 2 {
                report.deskewDegrees = skew.degrees
                page = page.rotated(degrees: skew.degrees)
            }
        }
        let upright = page
        if cleanup.liftSeals {
            let lifted = page.liftingSeals()
            page = lifted.page
            seals = lifted.seals
            report.sealsLifted = lifted.seals.count
        }
        if cleanup.binarize { page = page.binarized() }
        // Below 250 dpi a speck is as small as the dot under a 10 pt vowel (2 px at 200 dpi).
        if cleanup.despeckle, page.dotsPerInch >= 250 { page = page.despeckled(largestSpeck: page.dotsPerInch / 100) }
        return (page, report, upright, seals)
    }

    private func orientationDetector() throws -> OrientationDetector {
        if let orientation { return orientation }
        let detector = try OrientationDetector(dataPath: engine.dataPath)
        orientation = detector
        return detector
    }

    /// Most pages stand upright. Leptonica tells that from ascenders and descenders in
    /// ~20 ms; Tesseract's orientation classifier takes ~300 ms (a quarter of recognising
    /// the page), so it is asked only about pages Leptonica does not clearly find upright.
    /// On generated and real pages, turned ones scored `up` ≤ 3.1 and upright ones
    /// 5.4–25 (BENCHMARKS.md); the bar leaves the doubtful ones to Tesseract.
    private func standsUpright(_ sample: PageImage) -> Bool {
        let facing = sample.textFacing()
        return facing.up >= 8 && facing.up >= 2.5 * abs(facing.sideways)
    }
}
