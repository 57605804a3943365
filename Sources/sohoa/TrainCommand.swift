import ArchiveStore
import ArgumentParser
import Classifier
import DocumentModel
import Evaluation
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the learned document-type model that votes beside the rules, and store it in the archive.",
        discussion: """
            A logistic regression over character n-grams of each document's header (agency, \
            number, date, type line, trích yếu). It learns from generated documents \
            (--generated), from the archive's documents labelled by truth files (--labels, \
            matched by path as 'sohoa evaluate' does; their stored OCR text is learned), and \
            always from every doc_type a person corrected in the archive. Each run stores a new \
            model version (older ones are kept; the archive is created if need be, as by \
            'ingest'); the next 'sohoa ingest' votes with the newest \
            unless pipeline.yaml sets classifier.learned_model: false. With --evaluate-on and \
            --truth, the model is also scored on another archive's stored pages, alone and \
            voting with the rules, without OCR. Exits 64 when there is nothing to train on, \
            2 when the archive or a truth file cannot be read.
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: ArgumentHelp("Generated documents of each type to train on (no OCR; not the evaluation set's seed).", valueName: "n"))
    var generated = 0

    @Option(name: .customLong("labels"), help: ArgumentHelp(
        "Truth file (JSON Lines with 'file' and 'doc_type') labelling the archive's documents; repeatable.", valueName: "file"))
    var labels: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Train and report, but store nothing.")
    var dryRun = false

    @Option(name: .customLong("evaluate-on"), help: ArgumentHelp("Score the model on this archive's stored pages.", valueName: "dir"))
    var evaluateOn: String?

    @Option(help: ArgumentHelp("The truth of the --evaluate-on archive.", valueName: "file"))
    var truth: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard (0...10_000).contains(generated) else { throw ValidationError("--generated must be between 0 and 10000") }
        guard (evaluateOn == nil) == (truth == nil) else { throw ValidationError("--evaluate-on and --truth go together") }
    }

    func run() throws {
        // What to evaluate on is checked first, so that a typo there stores no model.
        let evaluationSet = try evaluateOn.map { folder -> (Archive, [JSONRecord]) in
            let directory = URL(fileURLWithPath: folder)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("sohoa.sqlite").path) else {
                printError("sohoa: no archive at \(folder)")
                throw Exit.unusable
            }
            return (try Archive(directory: directory), try readJSONLines(truth ?? ""))
        }
        var set = TrainingSet()
        set.addGenerated(perType: generated)
        let archive = try openArchive()
        if let archive {
            try set.addArchive(archive, truth: try labels.flatMap(readJSONLines))
        }
        guard Set(set.examples.map(\.type)).count >= 2 else {
            printError("sohoa: nothing to train on: give --generated, or --labels matching the archive's documents "
                       + "(\(set.examples.count) example\(set.examples.count == 1 ? "" : "s") of at most one type found)")
            throw Exit.badUsage
        }
        let model = TypeModel.train(set.examples)
        let trainingRight = set.examples.filter { model.predict($0.pages).type == $0.type }.count
        let version = dryRun ? nil : try archive?.saveTypeModel(model, sources: set.sources)
        let evaluation = try evaluationSet.map { try ModelEvaluation(model: model, archive: $0.0, truth: $0.1) }
        let summary = Summary(model: model, sources: set.sources, unmatchedLabels: set.unmatchedLabels,
                              trainingAccuracy: Double(trainingRight) / Double(set.examples.count), version: version,
                              evaluation: evaluation)
        print(json ? summary.json : summary.text)
    }

    /// The archive to read labels and corrections from and to store the model in. Like
    /// `ingest`, training generated documents into a new folder creates the archive there,
    /// so its first batch can vote; labels name documents, so they need an existing one.
    private func openArchive() throws -> Archive? {
        let directory = options.archiveDirectory(try options.loadConfiguration())
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("sohoa.sqlite").path) || !labels.isEmpty {
            return try options.openExistingArchive()
        }
        guard !dryRun else { return nil }
        do {
            return try Archive(directory: directory)
        } catch {
            printError("sohoa: cannot create an archive at \(directory.path): \(error)")
            throw Exit.unusable
        }
    }
}

/// What `sohoa train` reports.
private struct Summary: Encodable {
    var examples: Int
    var classes: [String: Int]
    var sources: [String: Int]
    var unmatchedLabels: Int
    var trainingAccuracy: Double
    var heldOutAccuracy: Double?
    var temperature: Double
    /// Nil on a dry run.
    var version: Int?
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

    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    var text: String {
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
