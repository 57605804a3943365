import ArgumentParser
import DocumentModel
import Foundation
import SohoaKit

/// The options every subcommand shares: which configuration, which archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "Archive folder, or postgresql://USER[:PASS]@HOST[:PORT]/DB (default: pipeline.yaml's 'archive', else ./archive).",
        valueName: "dir|url"))
    var archive: String?

    @Option(name: .long, help: ArgumentHelp(
        "With a PostgreSQL archive: the folder of its files, mounted by every machine (default: pipeline.yaml's storage.files).",
        valueName: "dir"))
    var files: String?

    var workspace: Workspace {
        Workspace(configurationFile: config, archivePath: archive, filesPath: files)
    }
}

/// Runs a command's body, turning a ``CommandFailure`` into its message on stderr and its
/// exit code: the one place where the library's failures meet the command line.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        printError(failure.description)
        throw ExitCode(failure.exitCode)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A document id as typed: looked up before it is trusted, as every id from outside is.
extension DocumentID: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
