import ArchiveStore
import Classifier
import DocumentModel
import Foundation
import Ingest

/// Classifies a complete input and stores it: one document, or, when it is a bound scan
/// (`input.split_documents`), each document `DocumentSplitter` finds in it, sharing the
/// original and its searchable PDF. What a batch's store thread does with each input, and
/// what a queue worker does with the input whose last page it handed in.
struct InputStorer: Sendable {
    let copies: SearchableCopy
    let classification: DocumentClassification
    /// Whether bound scans are stored as the documents they hold (`input.split_documents`).
    let splitsBoundScans: Bool

    /// An input whose pages are all recognised.
    struct Input {
        var batchRoot: String
        var source: String
        var sha256: SHA256
        var kind: FileKind
        /// The file to copy the original from: the input itself, or its staged copy.
        var original: URL
        /// The input's ledger row, which holds its recognised pages with their word boxes.
        var ledger: InputID?
        /// The recognised pages, without their word boxes.
        var pages: [RecognizedPage]
    }

    /// Stores `input`; returns its documents' ids, the one that opens the file first.
    func store(_ input: Input, in archive: Archive) throws -> [DocumentID] {
        let pages = input.pages.sorted { $0.number < $1.number }
        let parts = splitsBoundScans ? DocumentSplitter().split(pages) : []
        let size = DocumentAssembler.byteCount(of: input.original)
        // A PDF that cannot be made must not keep the original out of the archive: the
        // documents are stored without one and flagged for a person.
        var derivative: ArchivedFile?
        var derivativeFailure: String?
        if let ledger = input.ledger {
            do {
                derivative = try copies.write(in: archive, sha256: input.sha256, ledger: ledger, pages: pages, original: input.original)
            } catch {
                derivativeFailure = "no searchable PDF: \(describe(error))"
            }
        }
        /// One document of the input: `part` is what the splitter found of it, `range` its
        /// pages when it is one of several.
        func newDocument(_ pages: [RecognizedPage], part: DocumentSplitter.Part?, range: SourcePages?) throws -> NewDocument {
            var metadata = classification.classify(try withWordBoxes(pages, from: input.ledger, archive: archive))
            if let part {
                let unsure = part.confidence < DocumentSplitter.sureConfidence
                let doubts = part.doubts.map { "bound scan split: \($0)" }
                    + (unsure && part.doubts.isEmpty ? ["bound scan split: unsure where this document starts"] : [])
                if !doubts.isEmpty {
                    metadata.needsReview = true
                    metadata.reviewReasons += doubts
                }
            }
            if let derivativeFailure {
                metadata.needsReview = true
                metadata.reviewReasons.append(derivativeFailure)
            }
            let numbered = range.map { range in
                pages.map { page in
                    var page = page
                    page.number = page.number - range.first + 1
                    return page
                }
            } ?? pages
            var stored = NewDocument(batchRoot: input.batchRoot, source: input.source, sha256: input.sha256, originalPath: "",
                                     byteCount: size ?? 0, mediaType: input.kind.mediaType, pages: numbered, metadata: metadata,
                                     ledgerInput: input.ledger, derivative: derivative, modelVersion: classification.modelVersion)
            stored.sourcePages = range
            return stored
        }
        let ids: [DocumentID]
        if parts.count > 1 {
            let documents = try parts.map { part in
                try newDocument(pages.filter { part.pages.contains($0.number) }, part: part, range: SourcePages(part.pages))
            }
            ids = try archive.store(parts: documents, copyingOriginalFrom: input.original, fileExtension: input.kind.fileExtension)
        } else {
            ids = [try archive.store(try newDocument(pages, part: parts.first, range: nil),
                                     copyingOriginalFrom: input.original, fileExtension: input.kind.fileExtension)]
        }
        archive.removeStaging(sha256: input.sha256)
        return ids
    }

    /// The pages with their word boxes back where the classifier reads the layout
    /// (``DocumentClassification/layoutPageNumbers(of:)``). Pages wait for the rest of
    /// their document without them, so a long document's boxes are never all in memory;
    /// the ledger has kept them.
    private func withWordBoxes(_ pages: [RecognizedPage], from input: InputID?, archive: Archive) throws -> [RecognizedPage] {
        let ends = DocumentClassification.layoutPageNumbers(of: pages)
        guard let input, !ends.isEmpty else { return pages }
        var boxes: [Int: [RecognizedWord]] = [:]
        try archive.forEachRecognisedPage(of: input, numbered: ends) { boxes[$0.number] = $0.words }
        return pages.map { page in
            var page = page
            if let words = boxes[page.number] { page.words = words }
            return page
        }
    }
}
