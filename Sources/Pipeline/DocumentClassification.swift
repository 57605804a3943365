import ArchiveStore
import Classifier
import DocumentModel

/// The one classification step: what ingest does to a complete document, and what every
/// command that classifies stored pages again does (`evaluate --reclassify`,
/// `train --evaluate-on`), so that what they measure is what an ingest would store.
///
/// The classifier reads the layout (word boxes) of a document's first and last few pages
/// only — the header, signature and copy blocks are there — and the archive's newest
/// learned type model votes when one is configured.
public struct DocumentClassification: Sendable {
    public let classifier: DocumentClassifier
    /// The version of the learned type model voting in `classifier`, recorded with each
    /// document; nil when none votes or it has no version.
    public let modelVersion: Int?

    /// Pages at each end of a document read with their layout.
    public static let layoutPages = 3

    public init(model: TypeModel? = nil, version: Int? = nil) {
        classifier = DocumentClassifier(model: model)
        modelVersion = model == nil ? nil : version
    }

    /// With the archive's newest learned type model voting, unless the configuration turns
    /// it off (`classifier.learned_model`). Throws when that model cannot be read.
    public init(archive: some TypeModelStore, configuration: PipelineConfiguration) throws {
        let model = configuration.classifier.learnedModel ? try archive.currentTypeModel() : nil
        self.init(model: model?.model, version: model?.version)
    }

    /// The numbers of the pages whose word boxes the classifier reads; empty when no page
    /// was recognised (a text layer has no boxes).
    public static func layoutPageNumbers(of pages: [RecognizedPage]) -> Set<Int> {
        guard pages.contains(where: { $0.source == .ocr }) else { return [] }
        return Set(pages.prefix(layoutPages).map(\.number) + pages.suffix(layoutPages).map(\.number))
    }

    /// `pages` (in order) as the classifier reads them: word boxes kept on the layout pages only.
    public static func asRead(_ pages: [RecognizedPage]) -> [RecognizedPage] {
        let layout = layoutPageNumbers(of: pages)
        return pages.map { page in
            guard !layout.contains(page.number), !page.words.isEmpty else { return page }
            var page = page
            page.words = []
            return page
        }
    }

    /// The document's metadata from its pages in order, word boxes included where known.
    public func classify(_ pages: [RecognizedPage]) -> DocumentMetadata {
        classifier.classify(Self.asRead(pages))
    }
}
