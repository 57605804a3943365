import Foundation
import OCRStage

/// One row of the benchmark: plain tesseract and sohoa's reader on the same page files,
/// errors summed over the row's pages, and the wall time of sohoa's reads.
struct ReaderComparison {
    static let header = "condition            pages   plain CER   sohoa CER   plain WER   sohoa WER"
        + "   plain bagWER   sohoa bagWER   sohoa s/page   sohoa/plain CER"

    private let reader: PageReader
    private let language: String
    private var pages = 0
    private var plain = ErrorCount(), sohoa = ErrorCount()
    private var plainBag = WordBagCount(), sohoaBag = WordBagCount()
    private var sohoaSeconds = 0.0

    init(reader: PageReader, language: String) {
        self.reader = reader
        self.language = language
    }

    /// Writes `image` to `path` and reads that file with both.
    mutating func add(_ image: PageImage, truth: String, path: String) throws {
        try image.writePNG(to: path)
        // Plain tesseract on one core while sohoa reads on the other.
        let tesseract = try PlainTesseract(path: path, language: language)
        let file = try PageImage.read(path: path)
        let started = DispatchTime.now().uptimeNanoseconds
        let read = try reader.read(file, pageNumber: 1)
        sohoaSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let plainText = try tesseract.text()
        plain.add(truth: truth, read: plainText)
        sohoa.add(truth: truth, read: read.text)
        plainBag.add(truth: truth, read: plainText)
        sohoaBag.add(truth: truth, read: read.text)
        pages += 1
    }

    func row(_ name: String) -> String {
        let ratio = plain.cer > 0 ? sohoa.cer / plain.cer : 1
        return name.padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(format: "%6d   %8.2f%%   %8.2f%%   %8.2f%%   %8.2f%%   %11.2f%%   %11.2f%%   %12.2f   %15.2f",
                     pages, plain.cer * 100, sohoa.cer * 100, plain.wer * 100, sohoa.wer * 100,
                     plainBag.rate * 100, sohoaBag.rate * 100, pages > 0 ? sohoaSeconds / Double(pages) : 0, ratio)
    }
}
