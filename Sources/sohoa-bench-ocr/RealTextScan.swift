import DocumentSynth
import Foundation
import Pipeline
import OCRStage
import PDFRendering

/// Real text with a synthetic scan: pages of the born-digital PDFs of `corpus-real`,
/// rendered as a scanner would see them. Truth is the PDF's own text layer, so these rows
/// measure OCR on real layouts, fonts and vocabulary, not the generator's.
enum RealTextScan: String, CaseIterable {
    /// 300 dpi grey, straight from the PDF.
    case realtext
    /// The `degraded` condition applied to the page: 200 dpi, skew, blur, noise, JPEG q40.
    case realtextDegraded = "realtext-degraded"

    func scan(_ page: RealTextPage, random: inout SplitMix64) throws -> PageImage {
        let pdf = try PDFFile(path: page.path, password: nil)
        switch self {
        case .realtext: return try pdf.page(page.index).render(dpi: 300, maxPixels: PipelineConfiguration().input.maxImagePixels)
        case .realtextDegraded: return Degradation.scanned(try pdf.page(page.index).render(dpi: 200, maxPixels: PipelineConfiguration().input.maxImagePixels), random: &random)
        }
    }
}

/// One page of a born-digital PDF whose text layer is not empty.
struct RealTextPage {
    var path: String
    /// 0-based.
    var index: Int
    var truth: String

    /// Up to `limit` pages, taken in turns (every document's first page, then every
    /// second page…) so that the two long documents (55 and 52 pages) do not crowd out
    /// the six short ones. Pages without text are skipped.
    static func pages(in corpus: URL, limit: Int) throws -> [RealTextPage] {
        let documents = try CorpusDocument.all(in: corpus).filter { !$0.scanned && $0.isPDF }.map { document in
            let path = corpus.appendingPathComponent(document.file).path
            let pdf = try PDFFile(path: path, password: nil)
            return try (0..<pdf.pageCount).compactMap { index -> RealTextPage? in
                let text = try pdf.page(index).text
                guard text.contains(where: \.isLetter) else { return nil }
                return RealTextPage(path: path, index: index, truth: text)
            }
        }
        var chosen: [RealTextPage] = []
        var round = 0
        while chosen.count < limit, documents.contains(where: { round < $0.count }) {
            for pages in documents where round < pages.count && chosen.count < limit {
                chosen.append(pages[round])
            }
            round += 1
        }
        return chosen
    }
}

/// How the `degraded` rows make a clean render look like a poor office scan.
enum Degradation {
    /// Turned up to ±3° (drawn from `random`), blurred, noisy, JPEG at quality 40; the
    /// caller renders at 200 dpi.
    static func scanned(_ page: PageImage, random: inout SplitMix64) -> PageImage {
        let skew = (Double(random.next() % 600) / 100) - 3
        return page.rotated(degrees: skew).blurred(radius: 1).addingNoise(sigma: 12, using: &random).jpegRoundTrip(quality: 40)
    }
}
