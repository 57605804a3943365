import ArgumentParser
import SohoaKit

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score an archive's document types and metadata against a truth file.",
        discussion: """
            The truth is JSON Lines in the form of shared/corpus-real/truth.jsonl: 'file' (the \
            path under the folder given to 'ingest', optionally with leading folders, e.g. \
            docs/a.pdf), 'doc_type' and the export contract's metadata keys. Type: precision, \
            recall and F1 per class in the truth, and their mean (macro-F1). Fields: 'exact' is \
            equality after NFC and whitespace collapse; 'loose' also ignores diacritics, case \
            and spacing around punctuation; a subject's leading 'V/v' is ignored. A null in the truth means "not readable" and is not \
            scored, except for legal_form, secrecy, urgency and copy, where it means "none". A \
            truth doc_type 'other' agrees with any type outside the 17 required classes. \
            needs_review: the share of documents with a wrong field that it flags, and of fully \
            right documents that it flags — by field where the export names the fields in \
            review_fields. Each miss is traced to the document's text: the truth found there as \
            printed (extraction), only without its marks (OCR marks), or not at all (not in the \
            text). Exits 0 whatever the scores.
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: ArgumentHelp("The truth, one JSON object per document.", valueName: "file"))
    var truth: String

    @Option(name: .customLong("export"), help: ArgumentHelp(
        "Score this 'sohoa export' file instead of the archive.", valueName: "file"))
    var exportFile: String?

    @Flag(help: ArgumentHelp(
        "Classify the archive's stored pages again with this sohoa (and the archive's newest type model), in memory, and score that.",
        discussion: "Nothing is written and nothing is OCR'd: the measure of a classifier change in seconds."))
    var reclassify = false

    @Flag(help: "List every field that does not agree exactly: file, field, expected, got.")
    var misses = false

    @Flag(name: .customLong("false-alarms"), help: "List every right field that review_fields names, with its document's review reasons.")
    var falseAlarms = false

    @Flag(help: "Print one JSON object (snake_case keys) instead of tables.")
    var json = false

    func run() throws {
        var request = EvaluationRequest(truthFile: truth)
        request.exportFile = exportFile
        request.reclassify = reclassify
        try reportingFailures {
            var report = try request.run(in: options.workspace)
            if json {
                if !misses { report.misses = [] }
                if !falseAlarms { report.falseAlarms = [] }
                print(try jsonLine(report, snakeCaseKeys: true))
            } else {
                print(EvaluationTable(report: report, listsMisses: misses, listsFalseAlarms: falseAlarms).text, terminator: "")
            }
        }
    }
}
