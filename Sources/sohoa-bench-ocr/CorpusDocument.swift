import Foundation

/// One file of `corpus-real` as `truth.jsonl` describes it; only what the benchmark needs.
struct CorpusDocument: Decodable {
    /// Path relative to the corpus folder (`docs/real_003.pdf`).
    var file: String
    /// True when the page content is an image and the body text is not in the text layer.
    var scanned: Bool

    var isPDF: Bool { file.lowercased().hasSuffix(".pdf") }

    /// The corpus's documents in `truth.jsonl` order.
    static func all(in corpus: URL) throws -> [CorpusDocument] {
        let truth = corpus.appendingPathComponent("truth.jsonl")
        guard let text = try? String(contentsOf: truth, encoding: .utf8) else { throw BenchInputError.noTruth(corpus.path) }
        return try text.split(whereSeparator: \.isNewline).map {
            try JSONDecoder().decode(CorpusDocument.self, from: Data($0.utf8))
        }
    }
}

enum BenchInputError: Error, CustomStringConvertible {
    case noTruth(String)

    var description: String {
        switch self {
        case .noTruth(let path): return "no truth.jsonl in \(path)"
        }
    }
}
