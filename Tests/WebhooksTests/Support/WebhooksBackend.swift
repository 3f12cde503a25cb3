import Bus
import Foundation
import TestSupport

@testable import WebhooksService

/// The database the webhooks suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum WebhooksBackend {
    static let isPostgres = ProcessInfo.processInfo.environment["GLIMLACH_TEST_BACKEND"] == "postgres"
    static let isSQLite = !isPostgres

    /// A new, empty webhooks store: an SQLite file `webhooks.sqlite` in `directory`,
    /// or a fresh database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> WebhooksSQLStore {
        if isPostgres {
            return try await WebhooksSQLStore.postgres(
                url: try await TestPostgres.freshDatabase(), clock: clock, publish: publish)
        }
        return try WebhooksSQLStore(
            path: directory.appendingPathComponent("webhooks.sqlite").path, clock: clock, publish: publish)
    }

    /// The environment that puts a webhooks process on the suites' backend: none
    /// for SQLite (its data directory), a fresh database's URL for PostgreSQL.
    static func processEnvironment() async throws -> [String: String] {
        isPostgres ? ["GLIMLACH_DATABASE_URL": try await TestPostgres.freshDatabase()] : [:]
    }
}
