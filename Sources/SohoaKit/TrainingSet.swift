import ArchiveStore
import Classifier
import DocumentModel
import DocumentSynth
import Evaluation
import Foundation
import OCRStage

/// The labelled documents `sohoa train` learns from, and where each came from.
struct TrainingSet {
    var examples: [TypeModel.Example] = []
    /// How many examples each source gave: `generated`, `labelled`, `corrected`.
    var sources: [String: Int] = [:]
    /// Truth lines whose file is not among the archive's stored documents.
    var unmatchedLabels = 0

    /// Not the evaluation set's seed (2026, `sohoa-samples --evaluation-set`), so that a model
    /// is never scored on the documents it was trained on.
    static let generatedSeed: UInt64 = 7

    /// `perType` generated documents of every type, as text (no rendering, no OCR), varied
    /// as archives are (stamps, copies, header shapes); normative ones cycle through the forms.
    mutating func addGenerated(perType: Int) {
        guard perType > 0 else { return }
        var factory = DocumentFactory(seed: TrainingSet.generatedSeed, variety: .archive)
        let types = DocumentType.allCases.filter { $0 != .unknown }
        for round in 0..<perType {
            for type in types {
                let form = type == .vanBanQPPL ? LegalForm.allCases[round % LegalForm.allCases.count] : nil
                var document = factory.make(type, legalForm: form)
                // Many real chỉ thị, báo cáo, kế hoạch open their body with no "Căn cứ", so the
                // header zone runs on into prose; without such examples the model learns that
                // prose there means one of the types generated without citations.
                if round % 2 == 1 { document.citations = [] }
                let pages = document.pageTexts.enumerated().map {
                    RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer)
                }
                examples.append((pages, type))
            }
        }
        sources["generated", default: 0] += perType * types.count
    }

    /// The archive's stored documents, labelled by truth files (`file`, `doc_type`) matched
    /// to them by path as `sohoa evaluate` matches, and by the type a person last corrected
    /// (which wins over a truth file). Their pages' stored text — real OCR — is what is learned.
    mutating func addArchive(_ archive: some DocumentStore & ReviewDesk, truth: [JSONRecord]) throws {
        let stored = try archive.storedDocumentSources()
        let matched = Evaluation.match(truth: truth, export: stored.map { JSONRecord(["source": $0.source, "id": $0.id.rawValue]) })
        var labels: [(id: DocumentID, type: DocumentType)] = []
        for (line, row) in zip(truth, matched) {
            guard let row, let id = row["id"].map(DocumentID.init(rawValue:)) else {
                unmatchedLabels += 1
                continue
            }
            // `other` and unknown codes name no class the model could learn.
            if let type = line["doc_type"].flatMap(DocumentType.init(rawValue:)), type != .unknown {
                labels.append((id, type))
            }
        }
        let corrected = try archive.correctedTypes().filter { $0.type != .unknown }
        let correctedIDs = Set(corrected.map(\.id))
        var seen: Set<DocumentID> = []
        for (id, type) in labels where !correctedIDs.contains(id) && seen.insert(id).inserted {
            examples.append((try archive.recognizedPages(of: id, visibleTo: .unrestricted), type))
            sources["labelled", default: 0] += 1
        }
        for (id, type) in corrected {
            let pages = try archive.recognizedPages(of: id, visibleTo: .unrestricted)
            guard !pages.isEmpty else { continue }
            examples.append((pages, type))
            sources["corrected", default: 0] += 1
        }
    }
}
