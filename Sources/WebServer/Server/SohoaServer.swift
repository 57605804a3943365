import ArchiveStore
import Foundation
import Hummingbird
import Pipeline
import SohoaKit

/// `sohoa serve`: the reading room, the review desk, batches and administration in
/// Vietnamese, and the JSON API of `shared/design/http-api.md`, on one archive.
///
/// The order of the middlewares is the security model: every answer gets the security
/// headers; every error becomes a sentence (JSON or a page) and never a trace; every
/// request is authenticated before any route runs; and every route reads the archive
/// through the signed-in user's ``ReadingRoom``.
public struct SohoaServer: Sendable {
    let services: Services

    /// - Parameter executable: the `sohoa` binary, which batches started from the web run.
    public init(workspace: Workspace, options: ServerOptions, executable: URL) throws {
        let configuration = try workspace.configuration()
        let location = try workspace.archiveLocation(configuration)
        let pool: ArchivePool
        do {
            pool = try ArchivePool(location: location)
        } catch {
            throw CommandFailure(.unusable, "cannot open the archive at \(location): \(error)")
        }
        services = Services(pool: pool, configuration: configuration, configurationFile: workspace.configurationFile,
                            options: options, executable: executable)
    }

    /// Whether anyone can sign in yet; a first run says how to add the first admin.
    public func hasUsers() async throws -> Bool {
        try await services.pool.run { !(try $0.users().isEmpty) }
    }

    public func makeApplication() -> some ApplicationProtocol {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders<WebContext>())
        router.add(middleware: ErrorAnswers())
        router.add(middleware: Authentication(services: services))
        Assets.register(on: router)
        APIRoutes.register(on: router, services: services)
        LoginPage.register(on: router, services: services)
        SearchPage.register(on: router, services: services)
        DocumentPage.register(on: router, services: services)
        ReviewPage.register(on: router, services: services)
        BatchesPage.register(on: router, services: services)
        BoxesPage.register(on: router, services: services)
        AdminPage.register(on: router, services: services)
        return Application(router: router, configuration: .init(
            address: .hostname(services.options.host, port: services.options.port), serverName: "sohoa"))
    }

    public func run() async throws {
        try await makeApplication().runService()
    }
}
