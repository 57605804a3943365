import Foundation
import XCTest

/// The real corpus beside the project (`../shared/corpus-real`), documents nobody here made.
public enum CorpusReal {
    public static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus-real/docs")

    /// The corpus file `name`; the test is skipped when the corpus is not there.
    public static func file(_ name: String) throws -> URL {
        let url = docs.appendingPathComponent(name)
        try XCTSkipUnless(FileManager.default.fileExists(atPath: url.path), "shared/corpus-real is not beside the project")
        return url
    }
}
