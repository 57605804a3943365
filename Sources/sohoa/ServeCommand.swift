import ArgumentParser
import Foundation
import SohoaKit
import WebServer

/// `sohoa serve`: the web app and the JSON API on one archive.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the archive to browsers (in Vietnamese) and to scripts (JSON API, shared/design/http-api.md).",
        discussion: """
            Binds 127.0.0.1 by default. To serve a network, keep it there and put a TLS reverse \
            proxy (nginx, Caddy) in front, with --behind-proxy: cookies are then marked Secure and \
            the client's address is taken from X-Forwarded-For. Users come from 'sohoa user'. \
            'sohoa ingest' may run on the same archive at the same time: each document is found \
            as soon as it is stored.
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Behind a TLS reverse proxy: Secure cookies, client address from X-Forwarded-For.") var behindProxy = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() throws {
        var serverOptions = ServerOptions()
        serverOptions.host = host
        serverOptions.port = port
        serverOptions.behindProxy = behindProxy
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        try reportingFailures {
            let server = try SohoaServer(workspace: options.workspace, options: serverOptions, executable: executable)
            let finished = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do {
                    if try await !server.hasUsers() {
                        printError("No users yet: nobody can sign in. Add the first admin with\n"
                                   + "  sohoa user add NAME --role admin --clearance tuyet_mat --password-stdin"
                                   + (options.archive.map { " --archive \($0)" } ?? ""))
                    }
                    printError("sohoa serve: http://\(host):\(port)/")
                    try await server.run()
                } catch {
                    failure.error = error
                }
                finished.signal()
            }
            finished.wait()
            if let error = failure.error {
                throw error as? CommandFailure ?? CommandFailure(.unusable, "the server stopped: \(error)")
            }
        }
    }
}

/// The server task's error, handed back to the command's thread.
private final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}
