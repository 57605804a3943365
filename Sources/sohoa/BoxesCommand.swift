import ArgumentParser
import Foundation
import SohoaKit

struct BoxesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxes",
        abstract: "Report on each box (hộp) of the storage room, and whether it may leave.",
        discussion: """
            A box may leave only when every input found in its folders is stored, a \
            recognised duplicate, or a failure a records officer explained (--explain SOURCE \
            --reason TEXT --by NAME), every document was verified intact (sohoa verify) within \
            records.fixity_max_age_days, and no review is outstanding. Boxes are read from \
            folder names by hierarchy.pattern in pipeline.yaml. With a BOX, --html and --pdf \
            write its printable report with the handover record (biên bản bàn giao). \
            Exit codes: 0 the report was printed and, with a BOX, the box may leave; 1 the \
            box may not leave yet, or there is no such box.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: ArgumentHelp("One box, by the code its folder gives (\"05\" of \"Hộp 05 - Lưu trữ 2019\").", valueName: "box"))
    var box: String?

    @Option(help: ArgumentHelp("The phông, when boxes of two phông share a code.", valueName: "name"))
    var fonds: String?

    @Flag(help: "One JSON object per box.")
    var json = false

    @Option(help: ArgumentHelp("Write the box's printable report and handover record as an HTML page.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the same as a PDF.", valueName: "file"))
    var pdf: String?

    @Option(help: ArgumentHelp("The agency named in the handover record.", valueName: "name"))
    var agency: String?

    @Option(help: ArgumentHelp("Explain why this failed input (its source, as the report lists it) may stay unstored.", valueName: "source"))
    var explain: String?

    @Option(help: ArgumentHelp("The explanation, with --explain: \"tờ bị rách, đã quét lại thành HS017/12b.pdf\".", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("Who explains, with --explain.", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("The batch folder of the input, with --explain, when its name is found under several.", valueName: "dir"))
    var batch: String?

    func validate() throws {
        if explain == nil, reason != nil || by != nil || batch != nil {
            throw ValidationError("--reason, --by and --batch go with --explain")
        }
        if (html != nil || pdf != nil), box == nil {
            throw ValidationError("--html and --pdf need a BOX: the printable report is one box's")
        }
    }

    func run() throws {
        try reportingFailures {
            let workspace = options.workspace
            if let explain {
                let root = batch.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
                let request = ExplanationRequest(source: explain, batchRoot: root, explanation: reason ?? "", person: by ?? "")
                let box = try request.run(on: workspace.openExistingArchive())
                print("Explained \(explain.printable) in box \(box.rawValue.printable).")
                return
            }
            let maxAge = try workspace.configuration().records.fixityMaxAgeDays
            let request = BoxesRequest(box: box, fonds: fonds, fixityMaxAgeDays: maxAge)
            let reports = try request.run(on: workspace.openExistingArchive())
            let now = Date()
            if reports.isEmpty, !json {
                print("No boxes: no input has a box. Set hierarchy.pattern in pipeline.yaml (e.g. \"{box}/{file}\") and ingest again.")
            }
            for report in reports {
                print(json ? report.jsonLine(fixityMaxAgeDays: maxAge, now: now) : report.text(fixityMaxAgeDays: maxAge, now: now))
            }
            guard box != nil, let report = reports.first else { return }
            let sheet = BoxSheet(report, fixityMaxAgeDays: maxAge, agency: agency, now: now)
            do {
                if let html { try Data(sheet.html.utf8).write(to: URL(fileURLWithPath: html), options: .atomic) }
                if let pdf { try sheet.writePDF(to: URL(fileURLWithPath: pdf)) }
            } catch {
                throw CommandFailure(.unusable, "cannot write the box report: \(error)", command: "boxes")
            }
            if !report.obstacles(fixityMaxAgeDays: maxAge, now: now).isEmpty {
                throw CommandFailure(.boxStays, "box \(report.box.rawValue.printable) may not leave the storage room yet", command: "boxes")
            }
        }
    }
}
