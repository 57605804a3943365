import DocumentModel
import Ingest
import OCRStage
import PDFRendering

/// Recognises the stamped header fields the intake hands on with a text-layer page (see
/// ``StampedHeader``) and merges what it reads into the page's text, where it stands.
///
/// A small engine of its own, made on first need on the thread that reads the inputs, so
/// the OCR workers stay on pages. Not `Sendable`: the engine belongs to that thread.
final class StampedFieldReader {
    private let ocr: PipelineConfiguration.OCR
    private var made: TesseractEngine??

    init(ocr: PipelineConfiguration.OCR) {
        self.ocr = ocr
    }

    /// The page with its stamped fields read into its text. Each word read is placed where
    /// it stands (its box, from the band's pixels back to the page's points), so that the
    /// layer's own text around it is kept. When the reading added anything, the page's
    /// `confidence` is the mean confidence of the words that added it: the classifier then
    /// knows that its number and date were read by OCR, from small raised digits that OCR
    /// often gets wrong, and asks a person to check them.
    func read(_ page: RecognizedPage, with header: StampedHeader) -> RecognizedPage {
        guard !header.bands.isEmpty, let engine = engine() else { return page }
        let words = header.bands.flatMap { band -> [(placed: PlacedText, confidence: Double)] in
            guard let read = try? engine.recognize(band.image, pageNumber: 0) else { return [] }
            let points = 72 / Double(max(1, band.image.resolution))
            return read.words.filter { !$0.text.allSatisfy(\.isWhitespace) }.map { word in
                (PlacedText(text: word.text, area: PageArea(
                    x1: band.area.x1 + Double(word.left) * points, y1: band.area.y1 + Double(word.top) * points,
                    x2: band.area.x1 + Double(word.right) * points, y2: band.area.y1 + Double(word.bottom) * points)),
                 word.confidence)
            }
        }
        let merged = header.layer.merging(words.map(\.placed))
        guard !merged.added.isEmpty else { return page }
        var read = page
        read.text = merged.text
        read.confidence = merged.added.map { words[$0].confidence }.reduce(0, +) / Double(merged.added.count)
        return read
    }

    private func engine() -> TesseractEngine? {
        if let made { return made }
        let engine = try? TesseractEngine(language: ocr.language, dataPath: ocr.dataPath)
        made = .some(engine)
        return engine
    }
}
