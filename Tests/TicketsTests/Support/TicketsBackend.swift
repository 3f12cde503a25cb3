import Bus
import Foundation
import TestSupport

@testable import TicketsService

/// The database the tickets suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum TicketsBackend {
    static let isPostgres = TestBackend.isPostgres
    static let isSQLite = TestBackend.isSQLite

    /// A new, empty tickets store: an SQLite file in `directory`, or a fresh
    /// database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> TicketsSQLStore {
        try await TicketsSQLStore.open(
            try await TestBackend.freshDatabase("tickets", in: directory), clock: clock, publish: publish)
    }
}
