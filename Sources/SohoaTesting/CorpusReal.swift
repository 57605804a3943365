import Foundation
import XCTest

/// The real corpus beside the project (`../shared/corpus-real`), documents nobody here made.
/// Only tests about real documents read it, and each has `Real` in its name, so that a
/// clone without the corpus shows by name which tests it skips.
public enum CorpusReal {
    /// `SOHOA_CORPUS_REAL` names the corpus folder when it is not beside the project.
    public static let docs: URL = {
        if let folder = ProcessInfo.processInfo.environment["SOHOA_CORPUS_REAL"] {
            return URL(fileURLWithPath: folder).appendingPathComponent("docs")
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus-real/docs")
    }()

    /// The hand-made truth, one JSON object per document; the test is skipped when the
    /// corpus is not there.
    public static func truth() throws -> [[String: Any]] {
        let url = docs.deletingLastPathComponent().appendingPathComponent("truth.jsonl")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: url.path),
                          "no corpus-real at \(docs.path): put shared/ beside the project or set SOHOA_CORPUS_REAL")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The corpus file `name`; the test is skipped when the corpus is not there.
    public static func file(_ name: String) throws -> URL {
        let url = docs.appendingPathComponent(name)
        try XCTSkipUnless(FileManager.default.fileExists(atPath: url.path),
                          "no corpus-real at \(docs.path): put shared/ beside the project or set SOHOA_CORPUS_REAL")
        return url
    }
}
