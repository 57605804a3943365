import ArchiveStore
import DocumentModel
import Foundation
import OCRStage
import PDFRendering
import VietnameseText

/// A page as the viewer draws it: the size of the frame its word boxes are measured in
/// (pixels of the image OCR read, points of a text layer) and the words, so a page can
/// mark a query's words on the image at `left / width`, `top / height`.
public struct PageView: Sendable, Codable, Equatable {
    public struct Word: Sendable, Codable, Equatable {
        public var text: String
        public var left: Int
        public var top: Int
        public var right: Int
        public var bottom: Int
    }

    public var number: Int
    public var width: Int
    public var height: Int
    public var words: [Word]
}

/// A rendered image to send.
public struct RenderedImage: Sendable {
    public var data: Data
    public var mediaType: String
}

extension ReadingRoom {
    /// Widths a page image is rendered at: a thumbnail and a reading size. Any other width
    /// asked for is served at the nearest, so a client cannot fill the cache with sizes.
    public static let pageImageWidths = [240, 1400]

    /// The page's frame and word boxes.
    public func pageView(of id: DocumentID, page number: Int) throws -> PageView {
        guard let page = try archive.recognizedPage(number, of: id, visibleTo: clearance) else {
            // A hidden document must get the same answer as a missing one, not "has no page".
            _ = try document(id)
            throw CommandFailure(.notFound, "document \(id) has no page \(number)")
        }
        if page.source == .ocr, page.width > 0, page.height > 0 {
            return PageView(number: number, width: page.width, height: page.height, words: page.words.map(PageView.Word.init))
        }
        // A text layer's words come from the PDF itself, in points; so does the frame of a
        // page stored before frames were kept.
        let stored = try document(id)
        let pdf = try openPDF(of: stored, preferringSearchableCopy: page.source == .ocr)
        let pdfPage = try pdf.page(stored.originalPage(number) - 1)
        let size = pdfPage.size
        if page.source == .ocr {
            let scale = Double(configuration.ocr.dpi) / 72
            return PageView(number: number, width: Int((size.width * scale).rounded()), height: Int((size.height * scale).rounded()),
                            words: page.words.map(PageView.Word.init))
        }
        return PageView(number: number, width: Int(size.width.rounded()), height: Int(size.height.rounded()),
                        words: pdfPage.words(dpi: 72).map(PageView.Word.init))
    }

    /// The page as a grey JPEG `width` pixels wide (one of ``pageImageWidths``), rendered
    /// from the searchable PDF when there is one (pages as OCR read them: upright, level),
    /// else from the original; kept in the archive's `views/` for the next reader.
    public func pageImage(of id: DocumentID, page number: Int, width asked: Int) throws -> RenderedImage {
        let document = try document(id)
        guard (1...document.pages.count).contains(number) else {
            throw CommandFailure(.notFound, "document \(id) has no page \(number)")
        }
        let width = ReadingRoom.pageImageWidths.min { abs($0 - asked) < abs($1 - asked) }!
        let cached = archive.pageViewFile(sha256: document.sha256, page: document.originalPage(number), width: width)
        if let data = try? Data(contentsOf: cached) { return RenderedImage(data: data, mediaType: "image/jpeg") }
        let image = try render(document, page: number, width: width)
        let data = try image.jpegData(quality: 80)
        try keep(data, at: cached)
        return RenderedImage(data: data, mediaType: "image/jpeg")
    }

    /// The part of the page where `field` was read — the number and date in the header band
    /// of the first page, the signer in the signature block of the last — tight around the
    /// words of its value when they are found there, for the review desk.
    public func fieldCrop(of id: DocumentID, field: MetadataField) throws -> RenderedImage {
        try require(.archivist)
        let document = try document(id)
        let zone = FieldZone(field)
        let number = zone.onLastPage ? document.pages.count : 1
        let view = try pageView(of: id, page: number)
        guard view.width > 0, view.height > 0 else { throw CommandFailure(.notFound, "page \(number) of \(id) has no size") }
        var box = zone.band(width: view.width, height: view.height)
        if let value = document.metadata[field], let found = zone.words(of: value, among: view.words, within: box, pageWidth: view.width) {
            box = found
        }
        let image = try render(document, page: number, width: 1_600)
        let scale = Double(image.width) / Double(view.width)
        let crop = image.cropped(left: Int(Double(box.left) * scale), top: Int(Double(box.top) * scale),
                                 width: Int(Double(box.right - box.left) * scale), height: Int(Double(box.bottom - box.top) * scale))
        return RenderedImage(data: try crop.jpegData(quality: 85), mediaType: "image/jpeg")
    }

    private func render(_ document: StoredDocument, page number: Int, width: Int) throws -> PageImage {
        if document.searchablePDF != nil || document.mediaType == "application/pdf" {
            let page = try openPDF(of: document, preferringSearchableCopy: true).page(document.originalPage(number) - 1)
            // Whole dots per inch come within a few pixels of the width; a last scaling makes it exact.
            let dpi = max(10, Int((Double(width) / max(1, page.size.width) * 72).rounded(.up)))
            let image = try page.render(dpi: dpi, maxPixels: configuration.input.maxImagePixels)
            return image.width == width ? image : image.scaled(by: Double(width) / Double(image.width))
        }
        guard let file = archive.storedFile(atRelativePath: document.originalPath) else {
            throw CommandFailure(.damaged, "the original of \(document.id) is missing from the archive (run sohoa verify)")
        }
        let image = try PageImage.read(path: file.path, page: document.originalPage(number) - 1, isTIFF: document.mediaType == "image/tiff")
        return image.scaled(by: Double(width) / Double(max(1, image.width)))
    }

    private func openPDF(of document: StoredDocument, preferringSearchableCopy: Bool) throws -> PDFFile {
        let path = (preferringSearchableCopy ? document.searchablePDF : nil) ?? document.originalPath
        guard let file = archive.storedFile(atRelativePath: path) else {
            throw CommandFailure(.damaged, "a stored file of \(document.id) is missing from the archive (run sohoa verify)")
        }
        do {
            return try PDFFile(path: file.path, password: configuration.input.pdfPassword)
        } catch {
            throw CommandFailure(.damaged, "cannot open the PDF of \(document.id): \(error)")
        }
    }

    /// Writes under a temporary name, then renames: a reader never gets half an image.
    private func keep(_ data: Data, at url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let partial = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        try data.write(to: partial)
        guard rename(partial.path, url.path) == 0 else {
            unlink(partial.path)
            throw CommandFailure(.unusable, "cannot keep a page image in the archive: \(String(cString: strerror(errno)))")
        }
    }
}

/// Where on which page a field is printed (Nghị định 30's layout): the header band of the
/// first page, or the signature block of the last.
struct FieldZone {
    let onLastPage: Bool
    /// The band's top and bottom as shares of the page height.
    let top: Double
    let bottom: Double

    init(_ field: MetadataField) {
        switch field {
        case .signer, .signerTitle, .signingAuthority:
            (onLastPage, top, bottom) = (true, 0.45, 1)
        case .subject, .docType, .legalForm:
            (onLastPage, top, bottom) = (false, 0, 0.5)
        default:
            (onLastPage, top, bottom) = (false, 0, 0.3)
        }
    }

    func band(width: Int, height: Int) -> (left: Int, top: Int, right: Int, bottom: Int) {
        (left: 0, top: Int(Double(height) * top), right: width, bottom: Int(Double(height) * bottom))
    }

    /// The box around the printed line (or lines) of the band that carry `value`: the
    /// band's words are cut into lines and columns, the segment holding most of the value's
    /// words wins (the topmost among equals), and segments just above or below it in the
    /// same column join while they are mostly the value's (a subject or an agency of two
    /// lines). Whole segments are taken, so the crop shows "Số:" before the number. Words
    /// are compared without diacritics and case (OCR drops marks); nil when none is there.
    func words(of value: String, among words: [PageView.Word], within band: (left: Int, top: Int, right: Int, bottom: Int),
               pageWidth: Int) -> (left: Int, top: Int, right: Int, bottom: Int)? {
        let wanted = Set(FieldZone.tokens(value).filter { $0.count > 1 || $0.allSatisfy(\.isNumber) })
        let segments = FieldZone.segments(words.filter { $0.top >= band.top && $0.bottom <= band.bottom }, columnGap: pageWidth / 40)
        func matched(_ segment: [PageView.Word]) -> Int {
            segment.filter { !Set(FieldZone.tokens($0.text)).isDisjoint(with: wanted) }.count
        }
        guard let best = segments.indices.max(by: { (matched(segments[$0]), -$0) < (matched(segments[$1]), -$1) }),
              matched(segments[best]) > 0 else { return nil }
        var chosen = [segments[best]]
        let lineHeight = segments[best].map { $0.bottom - $0.top }.max() ?? 0
        func joins(_ segment: [PageView.Word], nextTo neighbour: [PageView.Word]) -> Bool {
            let gap = max(segment.map(\.top).min()! - neighbour.map(\.bottom).max()!, neighbour.map(\.top).min()! - segment.map(\.bottom).max()!)
            let overlaps = segment.map(\.left).min()! < neighbour.map(\.right).max()! && neighbour.map(\.left).min()! < segment.map(\.right).max()!
            return gap < lineHeight && overlaps && Double(matched(segment)) >= 0.6 * Double(segment.count)
        }
        var rest = segments.enumerated().filter { $0.offset != best }.map(\.element)
        while let next = rest.firstIndex(where: { candidate in chosen.contains { joins(candidate, nextTo: $0) } }) {
            chosen.append(rest.remove(at: next))
        }
        let all = chosen.flatMap { $0 }
        let padX = pageWidth / 50, padY = lineHeight / 2
        return (left: all.map(\.left).min()! - padX, top: all.map(\.top).min()! - padY,
                right: all.map(\.right).max()! + padX, bottom: all.map(\.bottom).max()! + padY)
    }

    static func tokens(_ text: String) -> [String] {
        VietnameseText.fold(text).lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Words cut into printed lines (by vertical overlap), each line into column segments
    /// wherever the gap between words exceeds `columnGap`; top to bottom, left to right.
    static func segments(_ words: [PageView.Word], columnGap: Int) -> [[PageView.Word]] {
        var lines: [[PageView.Word]] = []
        for word in words.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
            let middle = (word.top + word.bottom) / 2
            if let index = lines.lastIndex(where: { line in line.contains { middle >= $0.top && middle <= $0.bottom } }) {
                lines[index].append(word)
            } else {
                lines.append([word])
            }
        }
        return lines.flatMap { line -> [[PageView.Word]] in
            var parts: [[PageView.Word]] = []
            for word in line.sorted(by: { $0.left < $1.left }) {
                if let last = parts.last?.last, word.left - last.right <= columnGap {
                    parts[parts.count - 1].append(word)
                } else {
                    parts.append([word])
                }
            }
            return parts
        }
    }
}

extension PageView.Word {
    init(_ word: RecognizedWord) {
        self.init(text: word.text, left: word.left, top: word.top, right: word.right, bottom: word.bottom)
    }
}
