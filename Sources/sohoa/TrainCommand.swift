import ArgumentParser
import SohoaKit

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
        var request = TrainingRequest()
        request.generatedPerType = generated
        request.labelFiles = labels
        request.dryRun = dryRun
        request.evaluationArchive = evaluateOn
        request.evaluationTruth = truth
        try reportingFailures {
            let summary = try request.run(in: options.workspace)
            print(json ? try jsonLine(summary, snakeCaseKeys: true) : summary.text)
        }
    }
}
