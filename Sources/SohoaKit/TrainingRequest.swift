import ArchiveStore
import Classifier
import DocumentModel
import Evaluation
import Foundation

/// `sohoa train`: what to learn from, where to store the model, what to score it on.
public struct TrainingRequest: Sendable {
    /// Generated documents of each type.
    public var generatedPerType = 0
    /// Truth files labelling the archive's documents.
    public var labelFiles: [String] = []
    public var dryRun = false
    /// Another archive to score the model on, with its truth.
    public var evaluationArchive: String?
    public var evaluationTruth: String?

    public init() {}

    public func run(in workspace: Workspace) throws -> TrainingSummary {
        // What to evaluate on is checked first, so that a typo there stores no model.
        let evaluationSet = try evaluationArchive.map { folder -> (Archive, [JSONRecord]) in
            (try Workspace.openExisting(.folder(URL(fileURLWithPath: folder)), named: folder), try readJSONLines(evaluationTruth ?? ""))
        }
        var set = TrainingSet()
        set.addGenerated(perType: generatedPerType)
        let archive = try openArchive(workspace)
        if let archive {
            try set.addArchive(archive, truth: try labelFiles.flatMap(readJSONLines))
        }
        guard Set(set.examples.map(\.type)).count >= 2 else {
            throw CommandFailure(.badUsage, "nothing to train on: give --generated, or --labels matching the archive's documents "
                + "(\(set.examples.count) example\(set.examples.count == 1 ? "" : "s") of at most one type found)")
        }
        let model = TypeModel.train(set.examples)
        let trainingRight = set.examples.filter { model.predict($0.pages).type == $0.type }.count
        let version = dryRun ? nil : try archive?.saveTypeModel(model, sources: set.sources)
        let evaluation = try evaluationSet.map { try ModelEvaluation(model: model, archive: $0.0, truth: $0.1) }
        return TrainingSummary(model: model, sources: set.sources, unmatchedLabels: set.unmatchedLabels,
                               trainingAccuracy: Double(trainingRight) / Double(set.examples.count), version: version,
                               evaluation: evaluation)
    }

    /// The archive to train for: an existing one, or a new one (as `ingest` would make it)
    /// unless nothing is to be stored.
    private func openArchive(_ workspace: Workspace) throws -> Archive? {
        let location = try workspace.archiveLocation(try workspace.configuration())
        if location.exists || !labelFiles.isEmpty {
            return try workspace.openExistingArchive()
        }
        guard !dryRun else { return nil }
        return try Workspace.open(location)
    }
}

/// What `sohoa train` reports.
public struct TrainingSummary: Encodable, Sendable {
    public var examples: Int
    public var classes: [String: Int]
    public var sources: [String: Int]
    public var unmatchedLabels: Int
    public var trainingAccuracy: Double
    public var heldOutAccuracy: Double?
    public var temperature: Double
    /// Nil on a dry run.
    public var version: Int?
    var evaluation: ModelEvaluation?

    init(model: TypeModel, sources: [String: Int], unmatchedLabels: Int, trainingAccuracy: Double, version: Int?,
         evaluation: ModelEvaluation?) {
        examples = model.examples.reduce(0, +)
        classes = Dictionary(uniqueKeysWithValues: zip(model.classes.map(\.rawValue), model.examples))
        self.sources = sources
        self.unmatchedLabels = unmatchedLabels
        self.trainingAccuracy = trainingAccuracy
        heldOutAccuracy = model.heldOutAccuracy
        temperature = model.temperature
        self.version = version
        self.evaluation = evaluation
    }

    public var text: String {
        let origin = sources.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var lines = ["Trained on \(examples) documents (\(origin)) of \(classes.count) types:"]
        let order = DocumentType.allCases.map(\.rawValue)
        let perClass = classes.sorted { (order.firstIndex(of: $0.key) ?? 0) < (order.firstIndex(of: $1.key) ?? 0) }
        lines.append("  " + perClass.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if unmatchedLabels > 0 {
            lines.append("\(unmatchedLabels) truth \(unmatchedLabels == 1 ? "line names" : "lines name") no document stored in the archive")
        }
        var accuracy = String(format: "Training-set accuracy %.1f%%", 100 * trainingAccuracy)
        if let heldOutAccuracy { accuracy += String(format: ", held out (5-fold) %.1f%%", 100 * heldOutAccuracy) }
        lines.append(accuracy + String(format: "; temperature %.2f", temperature))
        if let version {
            lines.append("Stored as model version \(version); the next 'sohoa ingest' votes with it.")
        } else {
            lines.append("Not stored (--dry-run).")
        }
        if let evaluation { lines.append(evaluation.text) }
        return lines.joined(separator: "\n")
    }
}
