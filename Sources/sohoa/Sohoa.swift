import ArgumentParser

/// `sohoa`: digitise paper archives into a searchable Vietnamese archive.
struct Sohoa: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Digitise scans and PDFs of Vietnamese administrative documents into a searchable archive.",
        discussion: """
            Exit codes: 0 success; 1 some inputs failed (the rest were stored), or verify \
            found damage, or search and similar found nothing, or show, similar and correct \
            were given an unknown id, or boxes was asked about a box that may not leave yet; 2 the archive or configuration cannot be used; 3 the batch stopped \
            early (disk full, interrupted) and resumes when run again; 64 bad command-line usage \
            or an unusable search or correction; 75 too many failed logins; 77 not signed in \
            or not allowed. 'evaluate' exits 0 whatever the scores.
            """,
        subcommands: [IngestCommand.self, StatusCommand.self, VerifyCommand.self, SearchCommand.self, SimilarCommand.self, ShowCommand.self,
                      ExportCommand.self, EvaluateCommand.self, ReviewCommand.self, CorrectCommand.self,
                      TrainCommand.self, UserCommand.self, ServeCommand.self, BoxesCommand.self, PackageCommand.self, MigrateCommand.self,
                      WorkerCommand.self])
}
