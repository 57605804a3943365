/// Why a command could not do what it was asked, in terms every front end maps to its
/// own: the command line to an exit code, the web app to an HTTP status.
///
/// The message is written for the person who asked; nothing was written to the archive
/// unless the kind says otherwise (``Kind/inputsFailed``, ``Kind/stoppedEarly``).
public struct CommandFailure: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Some inputs failed; the others were stored.
        case inputsFailed
        /// `verify` found files missing or changed, or a damaged database.
        case damaged
        /// No document with the id given, or no batch to report on.
        case notFound
        /// A search or a similar-documents list found nothing.
        case nothingFound
        /// The archive or the configuration cannot be used.
        case unusable
        /// The batch stopped early and resumes when run again.
        case stoppedEarly
        /// A request that cannot be carried out as given: nothing was written.
        case badUsage
        /// A value refused as invalid (a correction's date, an unknown code): nothing was written.
        case invalidValue
        /// No one is signed in, or the credentials are wrong.
        case unauthenticated
        /// The user's role does not allow this.
        case forbidden
        /// Too many failed logins for this name or from this client: wait, then try again.
        case throttled
        /// The box asked about may not leave the storage room yet (`sohoa boxes BOX`).
        case boxStays
    }

    public var kind: Kind
    public var message: String
    /// The command the message belongs to, when it says which (`search`, `correct`).
    public var command: String?

    public init(_ kind: Kind, _ message: String, command: String? = nil) {
        self.kind = kind
        self.message = message
        self.command = command
    }

    /// The exit code the command line documents for this kind (`sohoa --help`).
    public var exitCode: Int32 { kind.exitCode }

    /// `sohoa: …` or `sohoa search: …`, as the command line prints it.
    public var description: String {
        "sohoa\(command.map { " \($0)" } ?? ""): \(message)"
    }
}

extension CommandFailure.Kind {
    /// The exit code the command line documents for this kind (`sohoa --help`).
    public var exitCode: Int32 {
        switch self {
        case .inputsFailed, .damaged, .notFound, .nothingFound, .boxStays: 1
        case .unusable: 2
        case .stoppedEarly: 3
        case .badUsage, .invalidValue: 64
        case .unauthenticated, .forbidden: 77
        case .throttled: 75
        }
    }

}
