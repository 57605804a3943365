import ArchiveStore
import Classifier
import DocumentModel
import Evaluation
import Foundation
import Pipeline

/// A model measured on an archive's stored pages against its truth, without OCR: the model
/// alone, the rules alone, and what the vote between them does.
struct ModelEvaluation: Encodable {
    var documents = 0
    var modelRight = 0
    var rulesRight = 0
    var votedRight = 0
    /// The rules named a type the model knows, and the model ranks another first …
    var disagreements = 0
    /// … where the rules were wrong: errors the vote brings to a person.
    var disagreementsOnRulesErrors = 0
    /// The model ranks the rules' type first, but below ``TypeVote/doubtBelow``.
    var doubts = 0
    var doubtsOnRulesErrors = 0
    /// Documents the rules gave a wrong type (not `unknown`, which they flag themselves) …
    var rulesWrongTypes = 0
    /// … and of those, how many the model's reasons flag.
    var rulesWrongTypesFlagged = 0
    /// Documents the rules typed right (not `unknown`) …
    var rulesRightTypes = 0
    /// … and of those, how many the model's reasons flag: the cost of the vote.
    var rightTypesFlagged = 0
    /// Documents the rules did not flag at all that the vote flags: what it adds to the
    /// review queue (`newlyFlaggedRight` of them with the rules' type right).
    var newlyFlagged = 0
    var newlyFlaggedRight = 0
    var rulesUnknown = 0
    /// Rules found no type and the model was sure enough to give one …
    var adopted = 0
    var adoptedRight = 0
    /// Reliability of the model's probabilities: predictions at least this sure, and how many were right.
    var calibration: [Bin] = ModelEvaluation.cutoffs.map { Bin(atLeast: $0) }

    struct Bin: Encodable {
        var atLeast: Double
        var predictions = 0
        var right = 0
    }

    static let cutoffs = [0.0, 0.5, 0.7, 0.9, 0.99]

    init(model: TypeModel, archive: some DocumentStore, truth: [JSONRecord]) throws {
        let stored = try archive.storedDocumentSources()
        let matched = Evaluation.match(truth: truth, export: stored.map { JSONRecord(["source": $0.source, "id": $0.id.rawValue]) })
        // Classified as an ingest classifies, layout read on the same pages.
        let rules = DocumentClassification(), voting = DocumentClassification(model: model)
        var typeFlags = FlagTally()
        for (line, row) in zip(truth, matched) {
            guard let row, let id = row["id"].map(DocumentID.init(rawValue:)), let want = line["doc_type"] else { continue }
            let pages = try archive.recognizedPages(of: id, visibleTo: .unrestricted)
            let prediction = model.predict(DocumentClassification.asRead(pages))
            let ruled = rules.classify(pages)
            let voted = voting.classify(pages)
            // Every reason the vote adds names the learned model.
            let flagged = voted.reviewReasons.count > ruled.reviewReasons.count
            let rulesOK = Evaluation.sameType(want, ruled.docType.rawValue)
            let modelOK = Evaluation.sameType(want, prediction.type.rawValue)
            documents += 1
            modelRight += modelOK ? 1 : 0
            rulesRight += rulesOK ? 1 : 0
            votedRight += Evaluation.sameType(want, voted.docType.rawValue) ? 1 : 0
            if voted.needsReview, !ruled.needsReview {
                newlyFlagged += 1
                newlyFlaggedRight += rulesOK ? 1 : 0
            }
            for index in calibration.indices where prediction.probability >= calibration[index].atLeast {
                calibration[index].predictions += 1
                calibration[index].right += modelOK ? 1 : 0
            }
            guard ruled.docType != .unknown else {
                rulesUnknown += 1
                if voted.docType != .unknown {
                    adopted += 1
                    adoptedRight += Evaluation.sameType(want, voted.docType.rawValue) ? 1 : 0
                }
                continue
            }
            typeFlags.count(isRight: rulesOK, flagged: flagged)
            if let backing = prediction.probability(of: ruled.docType) {
                if prediction.type != ruled.docType {
                    disagreements += 1
                    disagreementsOnRulesErrors += rulesOK ? 0 : 1
                } else if backing < TypeVote.doubtBelow {
                    doubts += 1
                    doubtsOnRulesErrors += rulesOK ? 0 : 1
                }
            }
        }
        (rulesRightTypes, rightTypesFlagged) = (typeFlags.right, typeFlags.rightFlagged)
        (rulesWrongTypes, rulesWrongTypesFlagged) = (typeFlags.wrong, typeFlags.wrongFlagged)
    }

    var text: String {
        func share(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
        }
        var lines = [
            "Evaluated on \(documents) documents of the truth found in the archive (stored text, no OCR):",
            "  model alone     \(modelRight) right (\(share(modelRight, documents)))",
            "  rules alone     \(rulesRight) right (\(share(rulesRight, documents)))",
            "  rules + model   \(votedRight) right (\(share(votedRight, documents)))",
            "  disagreements   \(disagreements), on a rules error in \(disagreementsOnRulesErrors)",
            "  doubts          \(doubts) (the rules' type first, below p=\(TypeVote.doubtBelow)), on a rules error in \(doubtsOnRulesErrors)",
            "  flagged         \(rulesWrongTypesFlagged) of \(rulesWrongTypes) wrong types the rules gave, "
                + "\(rightTypesFlagged) of \(rulesRightTypes) right ones",
            "  newly flagged   \(newlyFlagged) documents the rules did not flag, \(newlyFlaggedRight) of them typed right",
            "  rules unknown   \(rulesUnknown), the model's type taken for \(adopted), right in \(adoptedRight)",
            "  the model's probability and its accuracy:",
        ]
        for bin in calibration {
            lines.append(String(format: "    p ≥ %.2f  ", bin.atLeast) + "\(bin.predictions) predictions, \(share(bin.right, bin.predictions)) right")
        }
        return lines.joined(separator: "\n")
    }
}
