import Classifier
import DocumentModel
import Foundation
import XCTest
@testable import DocumentSynth

/// The wide variety: the documents the evaluation's tuning and held-back splits are made of.
final class WideVarietyTests: XCTestCase {
    private func documents(seed: UInt64, fonts: [String] = DocumentFactory.tuningFonts, count: Int = 340) -> [SyntheticDocument] {
        var factory = DocumentFactory(seed: seed, variety: .wide(fonts: fonts))
        let types = DocumentFactory.requiredTypes + DocumentFactory.otherTypes
        return (0..<count).map { factory.make(types[$0 % types.count]) }
    }

    func testTheHeldBackFontIsNeverATuningFont() {
        XCTAssertTrue(Set(DocumentFactory.tuningFonts + DocumentFactory.timesFonts).isDisjoint(with: DocumentFactory.heldBackFonts))
        XCTAssertEqual(Set(documents(seed: 5, fonts: DocumentFactory.timesFonts).map(\.style.font)), ["TeX Gyre Termes"])
        XCTAssertEqual(Set(documents(seed: 5, fonts: DocumentFactory.heldBackFonts).map(\.style.font)),
                       Set(DocumentFactory.heldBackFonts))
        XCTAssertEqual(Set(documents(seed: 5).map(\.style.font)), Set(DocumentFactory.tuningFonts))
    }

    func testPagesAreSetInManyWays() {
        let styles = documents(seed: 6).map(\.style)
        XCTAssertGreaterThan(Set(styles.map(\.bodySize)).count, 2)
        XCTAssertGreaterThan(Set(styles.map(\.left)).count, 5)
        XCTAssertGreaterThan(Set(styles.map(\.leftColumn)).count, 5)
        XCTAssertGreaterThan(Set(styles.map(\.lineSpacing)).count, 5)
        XCTAssertEqual(Set(styles.map(\.stampSide)), [.underNumber, .underDate])
        XCTAssertEqual(Set(styles.compactMap(\.seal)), [.grey, .red])
        XCTAssertTrue(styles.contains { $0.seal == nil })
        XCTAssertEqual(Set(styles.map(\.pageNumber)), [.plain, .dashed, .word])
    }

    func testHeadersNumbersAndSignaturesVaryAsDecree30Allows() {
        let all = documents(seed: 7)
        let numbers = all.compactMap(\.metadata.number)
        XCTAssertTrue(numbers.contains { $0.hasSuffix("-SKHĐT-TCCB") || $0.hasSuffix("-SKHĐT-VP") || $0.hasSuffix("-SKHĐT-ĐKKD") },
                      "a compound issuer")
        XCTAssertTrue(numbers.contains { $0.contains("/QyĐ-") })
        XCTAssertTrue(all.contains { $0.outerAuthority != nil && $0.metadata.signingAuthority?.hasPrefix("KT.") == true })
        XCTAssertTrue(all.contains { $0.metadata.signingAuthority == nil }, "the head signs in their own name")
        XCTAssertTrue(all.contains { $0.addressees.count > 1 })
        XCTAssertTrue(all.contains { $0.metadata.docType == .toTrinh && $0.addressees.count == 1 })
        XCTAssertTrue(all.contains { !$0.contactLines.isEmpty })
        XCTAssertTrue(all.contains { $0.metadata.docType.carriesSubject && $0.metadata.docType != .congVan && $0.citations.isEmpty },
                      "a trích yếu followed straight by the body")
        XCTAssertTrue(all.contains { ($0.metadata.subject?.count ?? 0) > 140 }, "a subject of three or four lines")
    }

    /// What is drawn is what the truth says: the reading text holds every line of the
    /// header, the addressees and the signature, in the order they are printed.
    func testTheDrawnPageHoldsTheTruth() {
        for document in documents(seed: 8, count: 60) {
            let first = DocumentRenderer.readingText(document, page: 0)
            var last = DocumentRenderer.readingText(document, page: document.pageCount - 1)
            for line in document.agencyLines + document.contactLines + [document.dateLine] + document.addresseeLines.prefix(1) {
                XCTAssertTrue(first.contains(line), "\(line) in \(first)")
            }
            if let number = document.metadata.number { XCTAssertTrue(first.contains(number)) }
            for line in document.signatureLines + [document.metadata.signer].compactMap({ $0 }) {
                guard let range = last.range(of: line) else { return XCTFail("\(line) not in order in \(last)") }
                last = String(last[range.upperBound...])
            }
        }
    }

    /// Long headers, four-line subjects, large print and a copy's block can run a single
    /// page past the paper: the generator shortens the body until the signature fits.
    func testEveryPageEndsAbovePaperBottom() {
        var factory = DocumentFactory(seed: 3001, variety: .wide(fonts: DocumentFactory.tuningFonts))
        let types = DocumentFactory.requiredTypes + DocumentFactory.otherTypes
        let made = (0..<300).map { factory.make(types[$0 % types.count], pages: $0 % 5 == 4 ? 2 : 1) }
        XCTAssertEqual(made.filter { !DocumentRenderer.fitsItsPages($0) }.count, 0)
    }

    /// The seal is pressed on scans, over the signature.
    func testASealIsDrawnOverTheSignatureOfAScan() throws {
        var document = try XCTUnwrap(documents(seed: 9).first { $0.style.seal == .grey && $0.pageCount == 1 })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try DocumentRenderer.pageImages(document, dpi: 100)[0].writePNG(to: folder.appendingPathComponent("sealed.png").path)
        document.style.seal = nil
        try DocumentRenderer.pageImages(document, dpi: 100)[0].writePNG(to: folder.appendingPathComponent("plain.png").path)
        let sealed = try Data(contentsOf: folder.appendingPathComponent("sealed.png"))
        let plain = try Data(contentsOf: folder.appendingPathComponent("plain.png"))
        XCTAssertNotEqual(sealed, plain)
    }

    func testTheOtherVarietiesKeepTheirStandardPage() {
        var archive = DocumentFactory(seed: 10, variety: .archive), plain = DocumentFactory(seed: 10)
        let made = (0..<40).map { archive.make(DocumentFactory.requiredTypes[$0 % 17]) } + plain.makeOneOfEachRequiredType()
        XCTAssertTrue(made.allSatisfy { $0.style == .standard && $0.outerAuthority == nil && $0.contactLines.isEmpty })
    }
}
