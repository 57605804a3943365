import DocumentModel
import ArchiveStore
import ArgumentParser
import Evaluation
import Foundation
import Pipeline

/// The options every subcommand shares: which configuration, which archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Archive folder (default: pipeline.yaml's 'archive', else ./archive).", valueName: "dir"))
    var archive: String?

    /// The configuration: `--config`, else `./pipeline.yaml` when present, else the defaults.
    func loadConfiguration() throws -> PipelineConfiguration {
        do {
            if let config {
                return try PipelineConfiguration.load(from: URL(fileURLWithPath: config))
            }
            let local = URL(fileURLWithPath: "pipeline.yaml")
            if FileManager.default.fileExists(atPath: local.path) {
                return try PipelineConfiguration.load(from: local)
            }
            return PipelineConfiguration()
        } catch {
            printError("sohoa: \(error)")
            throw Exit.unusable
        }
    }

    func archiveDirectory(_ configuration: PipelineConfiguration) -> URL {
        URL(fileURLWithPath: archive ?? configuration.archive)
    }

    /// Opens an existing archive for reading commands; creating one there would hide a typo.
    func openExistingArchive() throws -> Archive {
        let directory = archiveDirectory(try loadConfiguration())
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("sohoa.sqlite").path) else {
            printError("sohoa: no archive at \(directory.path) (run 'sohoa ingest' first, or pass --archive)")
            throw Exit.unusable
        }
        do {
            return try Archive(directory: directory)
        } catch {
            printError("sohoa: cannot open the archive at \(directory.path): \(error)")
            throw Exit.unusable
        }
    }
}

/// A JSON Lines file (a truth file, an export); one that cannot be read ends the command
/// with exit code 2 and says why.
func readJSONLines(_ path: String) throws -> [JSONRecord] {
    do {
        return try JSONRecord.parseLines(Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        printError("sohoa: cannot read \(path): \(error)")
        throw Exit.unusable
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// One JSON object on one line, keys sorted, for `--json` output that scripts read.
func jsonText(_ object: [String: Any]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}

/// A document id as typed: looked up before it is trusted, as every id from outside is.
extension DocumentID: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
