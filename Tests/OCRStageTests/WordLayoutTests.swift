import DocumentModel
import DocumentSynth
import Foundation
@testable import OCRStage
import SohoaTesting
import XCTest

/// A zone of a page read a second time on its own, and its lines taken where they read
/// better, with the page's text and its word boxes kept in step.
final class WordLayoutTests: XCTestCase {
    private func word(_ text: String, _ confidence: Double, x: Int, y: Int, width: Int = 40) -> RecognizedWord {
        RecognizedWord(text: text, confidence: confidence, left: x, top: y, right: x + width, bottom: y + 20)
    }

    /// The layout's text is Tesseract's own page text, as `tesseract` prints it.
    func testTheTextRebuiltFromTheWordsIsTesseractsOwn() throws {
        var factory = DocumentFactory(seed: 5)
        let page = try DocumentRenderer.pageImages(factory.make(.congVan), dpi: 200)[0]
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("page.png").path
        try page.writePNG(to: file)
        let read = try TesseractEngine(language: "vie").recognize(page, pageNumber: 1)
        let cli = try ExternalTool.run("tesseract", [file, "-", "-l", "vie", "--dpi", "200", "-c", "textord_all_prop=1"])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertGreaterThan(read.words.count, 50)
        XCTAssertEqual(read.text, cli.stdout.precomposedStringWithCanonicalMapping)
    }

    func testALineThatReadsBetterTakesThePlaceOfTheWordsAtItsHeight() {
        let zone = PixelZone(left: 500, top: 400, right: 1000, bottom: 800)
        let page = WordLayout(paragraphs: [
            [[word("Nơi", 96, x: 100, y: 500), word("nhận:", 96, x: 150, y: 500), word("KT.", 90, x: 600, y: 500),
              word("GIÁM", 95, x: 650, y: 500), word("ĐỐC", 95, x: 700, y: 500)]],
            [[word("1.ương", 52, x: 600, y: 700), word("Thị", 96, x: 660, y: 700)]],
        ])
        let reading = WordLayout(paragraphs: [[
            [word("KT.", 60, x: 600, y: 500), word("GlÁM", 70, x: 650, y: 500), word("ĐỐC", 80, x: 700, y: 500)],
            [word("Lương", 95, x: 600, y: 700), word("Thị", 96, x: 660, y: 700)],
        ]])
        let merged = page.replacing(zone, with: reading)
        XCTAssertEqual(merged.text, "Nơi nhận: KT. GIÁM ĐỐC\n\nLương Thị\n", "the page's own line read better and stays")
        XCTAssertEqual(merged.words.map(\.text), ["Nơi", "nhận:", "KT.", "GIÁM", "ĐỐC", "Lương", "Thị"])
    }

    func testLinesCutByTheZoneAndRunningOutOfItAreLeftToThePage() {
        let zone = PixelZone(left: 500, top: 400, right: 1000, bottom: 800)
        let body = [word("bảo", 96, x: 440, y: 420), word("quản", 96, x: 490, y: 420), word("đúng", 60, x: 540, y: 420)]
        let page = WordLayout(paragraphs: [[body]])
        let reading = WordLayout(paragraphs: [[
            // "uản" was cut at the zone's left edge; "đúng" read better, but the line runs on out of the zone.
            [word("uản", 90, x: 500, y: 420), word("đúng", 96, x: 540, y: 420)],
            [word("Lê", 96, x: 600, y: 700), word("Thị", 96, x: 660, y: 700), word("Mỹ", 96, x: 720, y: 700)],
        ]])
        let merged = page.replacing(zone, with: reading)
        XCTAssertEqual(merged.text, "bảo quản đúng\n\nLê Thị Mỹ\n", "a line the page lacks comes in as a paragraph after")
        // The same at the zone's right edge.
        let right = WordLayout(paragraphs: [[[word("người", 60, x: 900, y: 420), word("làm", 96, x: 1010, y: 420)]]])
        let cut = WordLayout(paragraphs: [[[word("người", 96, x: 900, y: 420), word("là", 90, x: 950, y: 420)]]])
        XCTAssertEqual(right.replacing(zone, with: cut).text, "người làm\n")
    }

    func testADoubtedWordWhereTheZoneFoundNoTextGoes() {
        let zone = PixelZone(left: 500, top: 400, right: 1000, bottom: 800)
        let page = WordLayout(paragraphs: [
            [[word("Na", 14, x: 600, y: 600)], [word("Lê", 96, x: 600, y: 700), word("Thị", 96, x: 660, y: 700)]],
            [[word("Nơi", 30, x: 100, y: 600)]],
        ])
        let reading = WordLayout(paragraphs: [[[word("Lê", 93, x: 600, y: 700), word("Thị", 83, x: 660, y: 700)]]])
        XCTAssertEqual(page.replacing(zone, with: reading).text, "Lê Thị\n\nNơi\n",
                       "a doubted word outside the zone stays, and so does the page's better line")
    }

    /// Among readings of a zone, the name the lists place that most of them give, the
    /// earliest reading's on a tie; a word the zone's edge cut ("VT." of a recipient's line)
    /// is no part of it; none when no reading gives one.
    func testTheNameTakenAmongReadingsIsTheOneMostOfThemPlace() {
        let zone = PixelZone(left: 500, top: 600, right: 1000, bottom: 800)
        let known: Set = ["Trần Thị", "Trần Thế"]
        let names: NameCheck = { known.contains($0) }
        func reading(_ words: [String], cutAtTheEdge: Bool = false) -> WordLayout {
            let cut = cutAtTheEdge ? [word("VT.", 96, x: 500, y: 700)] : []
            return WordLayout(paragraphs: [[cut + words.enumerated().map { word($1, 90, x: 560 + 60 * $0, y: 700) }]])
        }
        let the = reading(["Trần", "Thế"]), cut = reading(["Trần", "Thị"], cutAtTheEdge: true), thi = reading(["Trần", "Thị"])
        XCTAssertEqual(WordLayout.placedName(among: [the, cut, thi], of: zone, names: names).map { WordLayout.text(of: $0) }, "Trần Thị")
        XCTAssertEqual(WordLayout.placedName(among: [the, thi], of: zone, names: names).map { WordLayout.text(of: $0) }, "Trần Thế")
        XCTAssertNil(WordLayout.placedName(among: [reading(["Trầu", "Thị"])], of: zone, names: names))
    }

    /// A line placed whatever its confidence (a name chosen by the name lists): the zone's
    /// words at its height go, words at that height outside the zone stay.
    func testAPlacedLineTakesThePlaceOfTheZonesWordsAtItsHeightWhateverTheyScore() {
        let zone = PixelZone(left: 500, top: 600, right: 1000, bottom: 800)
        let page = WordLayout(paragraphs: [
            [[word("-", 90, x: 100, y: 700), word("Lưu:", 96, x: 150, y: 700), word("VT.", 96, x: 200, y: 700),
              word("Trầu", 96, x: 600, y: 700), word("Thị", 96, x: 660, y: 700)]],
        ])
        let name = [word("Trần", 40, x: 600, y: 702), word("Thị", 50, x: 660, y: 702)]
        let placed = page.placing(name, in: zone)
        XCTAssertEqual(placed.text, "- Lưu: VT.\nTrần Thị\n")
        XCTAssertEqual(placed.words.map(\.text), ["-", "Lưu:", "VT.", "Trần", "Thị"])
        // Where the zone had no words at that height, the line comes in as a paragraph of
        // its own, before the first that begins below it.
        let below = WordLayout(paragraphs: [[[word("Nơi", 96, x: 100, y: 400)]], [[word("Trang", 96, x: 100, y: 900)]]])
        XCTAssertEqual(below.placing(name, in: zone).text, "Nơi\n\nTrần Thị\n\nTrang\n")
    }
}

extension SealRemovalTests {
    /// With the signature's zone read again, the page's text and its words still hold the
    /// same words in the same order, and the signature is read as well as before.
    func testTheZoneReadAgainKeepsTextAndWordsInStep() throws {
        var once = PageCleanup()
        once.rereadSealZones = false
        let again = try PageReader(language: "vie"), single = try PageReader(language: "vie", cleanup: once)
        var readAgain = 0, readOnce = 0
        for document in sealed(count: 3) {
            let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
            let signature = [document.metadata.signerTitle, document.metadata.signer].compactMap { $0 }
            let read = try again.read(page, pageNumber: 1)
            XCTAssertEqual(read.text.split(whereSeparator: \.isWhitespace).map(String.init),
                           read.words.map(\.text).filter { !$0.allSatisfy(\.isWhitespace) })
            readAgain += signature.filter { read.text.contains($0) }.count
            readOnce += signature.filter { (try? single.read(page, pageNumber: 1).text.contains($0)) == true }.count
        }
        XCTAssertGreaterThanOrEqual(readAgain, readOnce)
    }
}

/// The other spellings Tesseract weighed for a word, from its recogniser's choices.
final class OtherSpellingsTests: XCTestCase {
    func testAWordsOtherSpellingsChangeOneLetterEach() {
        let spellings = TesseractEngine.otherSpellings([("b", []), ("u", []), ("ỗ", ["ổ", "ố"]), ("i", [])])
        XCTAssertEqual(spellings, ["buổi", "buối"])
        XCTAssertEqual(TesseractEngine.otherSpellings([("a", ["à", "á", "ả"]), ("n", []), ("h", []), ("ê", ["ế", "ề"])]).count,
                       TesseractEngine.alternativesKept)
    }

    /// On blurred, noisy scans the recogniser hesitates over some marks, and what it
    /// weighed is the same word with other marks, never other letters. Three pages, since
    /// one alone may leave no mark in doubt: cairo hints a face as the first surface that
    /// used it in the process had it, so a page's pixels depend on what the suite drew
    /// before (seed 9 has words in doubt drawn first, none drawn after a PDF).
    func testOnAWornScanSomeWordsCarryOtherSpellingsInTheirOwnLetters() throws {
        let pages = try (UInt64(9)...11).map { seed -> PageImage in
            var factory = DocumentFactory(seed: seed, variety: .wide(fonts: DocumentFactory.tuningFonts))
            var random = SplitMix64(seed: seed)
            return try DocumentRenderer.pageImages(factory.make(.baoCao), dpi: 200)[0]
                .blurred(radius: 1).addingNoise(sigma: 14, using: &random).jpegRoundTrip(quality: 40)
        }
        let engine = try TesseractEngine(language: "vie")
        let reads = try pages.map { try engine.recognize($0, pageNumber: 1, markChoices: true) }
        let weighed = reads.flatMap(\.words).filter { $0.alternatives != nil }
        XCTAssertFalse(weighed.isEmpty, "some mark was in doubt")
        XCTAssertLessThan(weighed.count, reads.flatMap(\.words).count / 4, "most words are read sure of their marks")
        // Đ and D count as one letter here, as the syllable model has them.
        func bare(_ text: String) -> String {
            text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                .folding(options: .diacriticInsensitive, locale: nil)
        }
        for word in weighed {
            for other in word.alternatives ?? [] {
                XCTAssertNotEqual(other, word.text)
                XCTAssertEqual(other.count, word.text.count, "\(word.text) / \(other)")
                XCTAssertEqual(bare(other), bare(word.text), "\(word.text) / \(other)")
            }
        }
        // The reader asks for them on an input's first page only.
        let reader = try PageReader(language: "vie")
        let page = try XCTUnwrap(zip(pages, reads).first { $0.1.words.contains { $0.alternatives != nil } }?.0)
        XCTAssertTrue(try reader.read(page, pageNumber: 1).words.contains { $0.alternatives != nil })
        XCTAssertFalse(try reader.read(page, pageNumber: 2).words.contains { $0.alternatives != nil })
    }
}
