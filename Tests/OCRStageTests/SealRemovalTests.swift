import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest

/// Round seals on grey scans, found by their rings and lifted off the signature, with real
/// Leptonica and Tesseract on generated pages whose seal is known.
final class SealRemovalTests: XCTestCase {
    /// Single-page documents of the wide variety whose scan carries a grey seal.
    func sealed(count: Int) -> [SyntheticDocument] {
        var factory = DocumentFactory(seed: 77, variety: .wide(fonts: DocumentFactory.tuningFonts))
        var found: [SyntheticDocument] = []
        while found.count < count {
            let document = factory.make(DocumentFactory.requiredTypes[found.count % 17])
            if document.style.seal == .grey, document.pageCount == 1 { found.append(document) }
        }
        return found
    }

    func testTheRingIsFoundWhereTheSealIsAndNowhereElse() throws {
        for var document in sealed(count: 4) {
            let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
            let rings = page.sealRings()
            XCTAssertEqual(rings.count, 1, "\(document.metadata.number ?? "")")
            if let ring = rings.first {
                // The seal's outer ring is drawn 48 pt (133 px at 200 dpi) from its centre, its ink 2.2 pt wide.
                XCTAssertEqual(ring.outerRadius, 48 * 200 / 72 + 3, accuracy: 6)
                XCTAssertLessThan(ring.innerRadius, ring.outerRadius * 0.8)
                XCTAssertGreaterThan(Double(ring.centreX), Double(page.width) / 2, "over the signature, on the right")
                XCTAssertGreaterThan(Double(ring.centreY), Double(page.height) / 3)
            }
            document.style.seal = nil
            XCTAssertEqual(try DocumentRenderer.pageImages(document, dpi: 200)[0].sealRings(), [], "a page without a seal has none")
        }
    }

    /// Lifted, the seal no longer hides the position line and the name: Tesseract reads both
    /// as printed, where through the seal it misses them.
    func testTheSignatureIsReadWithoutTheSeal() throws {
        var kept = PageCleanup()
        kept.liftSeals = false
        let reader = try PageReader(language: "vie"), plain = try PageReader(language: "vie", cleanup: kept)
        var readThrough = 0, readLifted = 0
        let documents = sealed(count: 3)
        for document in documents {
            let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
            let signature = [document.metadata.signerTitle, document.metadata.signer].compactMap { $0 }
            let lifted = try reader.read(page, pageNumber: 1)
            XCTAssertEqual(lifted.cleanup?.sealsLifted, 1)
            readLifted += signature.filter { lifted.text.contains($0) }.count
            readThrough += signature.filter { (try? plain.read(page, pageNumber: 1).text.contains($0)) == true }.count
        }
        XCTAssertGreaterThanOrEqual(readLifted, 2 * documents.count - 1, "position and name read on nearly every page")
        XCTAssertLessThan(readThrough, readLifted, "the seal hides some of them")
    }

    /// A name the seal's ring cut: on this degraded scan the page reads "Trầu Thị Bích
    /// Hằng", which the name lists do not place. Read again, the seal's foot gives the name
    /// as printed, and it takes the line's place, words and text alike. On the same page
    /// scanned clean, the page's own reading places the name and nothing is read again.
    func testANameTheRingCutIsTakenFromAReadingThatPlacesIt() throws {
        // The draw the ninth document came from (tuning-times seed 3011), degraded as the
        // evaluation sets' scans are, the noise drawn in turn for each sealed page before it.
        var factory = DocumentFactory(seed: 3011, variety: .wide(fonts: DocumentFactory.timesFonts))
        var random = SplitMix64(seed: 11)
        var found: (SyntheticDocument, PageImage)?
        for index in 0...8 {
            let document = factory.make(DocumentFactory.requiredTypes[index % 17])
            guard document.style.seal == .grey, document.pageCount == 1 else { continue }
            let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
                .blurred(radius: 1).addingNoise(sigma: 12, using: &random).jpegRoundTrip(quality: 40)
            found = (document, page)
        }
        let (document, page) = try XCTUnwrap(found)
        let signer = try XCTUnwrap(document.metadata.signer)
        XCTAssertEqual(signer, "Trần Thị Bích Hằng")
        let withoutNames = try PageReader(language: "vie").read(page, pageNumber: 1)
        XCTAssertFalse(withoutNames.text.contains(signer), "the ring cut the name on the page's own reading")
        XCTAssertNil(withoutNames.cleanup?.sealNamesReread, "without a name check no foot is read again")

        let reader = try PageReader(language: "vie", names: SignerNameCheck.holdsPlacedName)
        let read = try reader.read(page, pageNumber: 1)
        XCTAssertEqual(read.cleanup?.sealNamesReread, 1)
        XCTAssertTrue(read.text.contains(signer), read.text)
        XCTAssertEqual(read.text.split(whereSeparator: \.isWhitespace).map(String.init),
                       read.words.map(\.text).filter { !$0.allSatisfy(\.isWhitespace) })

        let clean = try reader.read(DocumentRenderer.pageImages(document, dpi: 200)[0], pageNumber: 1)
        XCTAssertTrue(clean.text.contains(signer))
        XCTAssertEqual(clean.cleanup?.sealNamesReread, 0)
    }

    /// A name none of the foot's readings gives whole: "Huỳnh Ngọc Ánh" on this degraded
    /// scan (the 274th document of the Times draw, seed 3011, its noise drawn from seed 273)
    /// is found only when the whole signature zone is read the same ways, the name's
    /// position lines above it. Found when this page was chosen: the foot alone placed no
    /// name on it.
    func testANameTheFootsReadingsMissIsFoundInTheWholeZone() throws {
        var factory = DocumentFactory(seed: 3011, variety: .wide(fonts: DocumentFactory.timesFonts))
        for index in 0..<273 { _ = factory.make(DocumentFactory.requiredTypes[index % 17]) }
        let document = factory.make(DocumentFactory.requiredTypes[273 % 17])
        XCTAssertEqual(document.style.seal, .grey)
        let signer = try XCTUnwrap(document.metadata.signer)
        XCTAssertEqual(signer, "Huỳnh Ngọc Ánh")
        var random = SplitMix64(seed: 273)
        let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
            .blurred(radius: 1).addingNoise(sigma: 12, using: &random).jpegRoundTrip(quality: 40)
        XCTAssertFalse(try PageReader(language: "vie").read(page, pageNumber: 1).text.contains(signer))
        let read = try PageReader(language: "vie", names: SignerNameCheck.holdsPlacedName).read(page, pageNumber: 1)
        XCTAssertEqual(read.cleanup?.sealNamesReread, 1)
        XCTAssertTrue(read.text.contains(signer), read.text)
    }
}

/// The benchmarks' degradations are the same from run to run for the same seed.
final class DegradationTests: XCTestCase {
    func testNoiseIsDrawnFromTheCallersGenerator() throws {
        var factory = DocumentFactory(seed: 3)
        let page = try DocumentRenderer.pageImages(factory.make(.congVan), dpi: 100)[0]
        func noisy(_ seed: UInt64) throws -> Data {
            var random = SplitMix64(seed: seed)
            return try page.addingNoise(sigma: 12, using: &random).jpegData(quality: 90)
        }
        XCTAssertEqual(try noisy(1), try noisy(1))
        XCTAssertNotEqual(try noisy(1), try noisy(2))
        XCTAssertNotEqual(try noisy(1), try page.jpegData(quality: 90))
    }
}
