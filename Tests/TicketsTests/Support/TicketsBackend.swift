import Bus
import Foundation
import TestSupport

@testable import TicketsService

/// The database the tickets suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum TicketsBackend {
    static let isPostgres = ProcessInfo.processInfo.environment["GLIMLACH_TEST_BACKEND"] == "postgres"
    static let isSQLite = !isPostgres

    /// A new, empty tickets store: an SQLite file in `directory`, or a fresh
    /// database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> TicketsSQLStore {
        if isPostgres {
            return try await TicketsSQLStore.postgres(
                url: try await TestPostgres.freshDatabase(), clock: clock, publish: publish)
        }
        return try TicketsSQLStore(
            path: directory.appendingPathComponent("tickets.sqlite").path, clock: clock, publish: publish)
    }
}

extension TicketsBackend {
    /// The environment that puts a tickets process on the backend: on PostgreSQL a
    /// fresh database (give the same environment to a restart), on SQLite nothing
    /// (the stack's data directory).
    static func processEnvironment() async throws -> [String: String] {
        isPostgres ? ["GLIMLACH_DATABASE_URL": try await TestPostgres.freshDatabase()] : [:]
    }
}
