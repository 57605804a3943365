import ArchiveStore
import ArgumentParser
import Foundation
import SohoaKit

/// `sohoa user …`: the people who may use the web app (`sohoa serve`) and its API.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and remove the users of the web app, and their API tokens.",
        discussion: """
            Roles: reader (search, read, download), archivist (also the review queue, \
            corrections and batches), admin (also users and the audit log). Clearance: none, \
            mat, toi_mat or tuyet_mat; a user sees a document only when its secrecy is at most \
            their clearance. Passwords are read from standard input (--password-stdin), never \
            from the command line, and kept only as bcrypt hashes. Every change is written to \
            the archive's audit log.
            """,
        subcommands: [Add.self, Token.self, Revoke.self, List.self, Passwd.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")

        @OptionGroup var options: ArchiveOptions
        @Argument(help: "Login name: 1 to 64 of a-z, 0-9, '.', '_', '-'.") var name: String
        @Option(help: "reader, archivist or admin.") var role: String
        @Option(help: "none, mat, toi_mat or tuyet_mat.") var clearance = "none"
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin") }
        }

        func run() throws {
            try reportingFailures {
                let desk = try accountDesk(options)
                let account = try desk.addUser(try AccountDesk.userName(name), role: try AccountDesk.role(role),
                                               clearance: try AccountDesk.clearance(clearance), password: try passwordFromStandardInput())
                print("added \(account.name) (\(account.role.rawValue), clearance \(account.clearance.rawValue))")
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one new API token for the user, on one line; valid until revoked.",
            discussion: "Scripts send it as 'Authorization: Bearer TOKEN'. It is shown once: the archive keeps only its SHA-256.")

        @OptionGroup var options: ArchiveOptions
        @Argument var name: String

        func run() throws {
            try reportingFailures {
                print(try accountDesk(options).issueToken(for: try AccountDesk.userName(name)).text)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke all of the user's API tokens.")

        @OptionGroup var options: ArchiveOptions
        @Argument var name: String

        func run() throws {
            try reportingFailures {
                let count = try accountDesk(options).revokeTokens(of: try AccountDesk.userName(name))
                print("revoked \(count) token\(count == 1 ? "" : "s") of \(name)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users with their roles and clearance.")

        @OptionGroup var options: ArchiveOptions
        @Flag(help: "One JSON object per user, one per line.") var json = false

        func run() throws {
            try reportingFailures {
                let users = try accountDesk(options).users()
                if json {
                    for user in users { print(try jsonLine(user)) }
                } else if users.isEmpty {
                    print("No users yet. Add the first admin with: sohoa user add NAME --role admin --password-stdin")
                } else {
                    let width = users.map(\.name.rawValue.count).max() ?? 0
                    for user in users {
                        print("\(user.name.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  "
                              + "\(user.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(user.clearance.rawValue)")
                    }
                }
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the user's password; their open sessions end.")

        @OptionGroup var options: ArchiveOptions
        @Argument var name: String
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin") }
        }

        func run() throws {
            try reportingFailures {
                try accountDesk(options).setPassword(try passwordFromStandardInput(), of: try AccountDesk.userName(name))
                print("password of \(name) changed")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the user, their tokens and sessions; the audit log keeps their lines.")

        @OptionGroup var options: ArchiveOptions
        @Argument var name: String

        func run() throws {
            try reportingFailures {
                try accountDesk(options).removeUser(try AccountDesk.userName(name))
                print("removed \(name)")
            }
        }
    }
}

/// The account desk of the archive the options name (made when there is none yet, so the
/// first admin can be added before the first batch), acting as `cli:<login>`.
private func accountDesk(_ options: ArchiveOptions) throws -> AccountDesk {
    AccountDesk(directory: try options.workspace.openArchiveForAccounts(), actor: "cli:\(CorrectionRequest.loginName ?? "unknown")")
}

/// The first line of standard input, without its line end; an empty one is refused.
private func passwordFromStandardInput() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CommandFailure(.badUsage, "no password on standard input")
    }
    return line
}
