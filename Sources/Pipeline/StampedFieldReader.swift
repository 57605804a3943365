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

    /// The page's text with its stamped fields read in; `text` when nothing could be read.
    func text(_ text: String, with header: StampedHeader) -> String {
        guard !header.bands.isEmpty, let engine = engine() else { return text }
        let placed: [PlacedText] = header.bands.compactMap { band in
            guard let read = try? engine.recognize(band.image, pageNumber: 0) else { return nil }
            let text = read.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return text.isEmpty ? nil : PlacedText(text: text, area: band.area)
        }
        return placed.isEmpty ? text : header.layer.text(adding: placed)
    }

    private func engine() -> TesseractEngine? {
        if let made { return made }
        let engine = try? TesseractEngine(language: ocr.language, dataPath: ocr.dataPath)
        made = .some(engine)
        return engine
    }
}
