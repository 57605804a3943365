import DocumentModel

/// Where an input stands in the ledger (`inputs.status`).
public enum InputStatus: String, Sendable, Codable, StoredCode {
    /// Being worked on, or left unfinished by a batch that was stopped or killed.
    case discovered
    /// Stored as a document.
    case ok
    case duplicate
    case failed
}

/// Where a page stands in the ledger (`input_pages.state`), so that a killed batch knows
/// which pages to recognise again and which to keep.
enum PageState: String, StoredCode {
    /// Queued for OCR; `attempts` counts how often OCR began on it.
    case rendered
    /// Its result is kept in the ledger until its document is stored.
    case recognised
    /// Moved into `pages` with its document.
    case stored
    case failed
}

/// How a run ended (`runs.outcome`): what `sohoa status` tells apart as finished or
/// stopped, and the reason a person reads.
public enum RunOutcome: Sendable, Equatable {
    case finished
    /// Stopped before the end (disk full, signal); the next run resumes.
    case stopped(reason: String)

    /// As the `runs.outcome` column holds it: `finished`, or `stopped: <reason>`.
    var text: String {
        switch self {
        case .finished: "finished"
        case .stopped(let reason): "stopped: \(reason)"
        }
    }
}

/// A state the schema stores as a text code. Its SQL literal is made here, from the enum,
/// so no statement spells a state by hand: a state renamed or mistyped cannot drift from
/// the schema's CHECK constraints unnoticed in one query among many.
protocol StoredCode: RawRepresentable where RawValue == String {}

extension StoredCode {
    /// The code as a SQL string literal: `'recognised'`. Codes are fixed identifiers, never
    /// user text, so they are safe to splice.
    var sql: String { "'\(rawValue)'" }

    /// Codes as a SQL list for `IN`: `('discovered', 'failed')`.
    static func sql(_ codes: Self...) -> String {
        "(" + codes.map(\.sql).joined(separator: ", ") + ")"
    }
}

extension TextSource: StoredCode {}
