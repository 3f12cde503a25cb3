import Bus
import Foundation
import TestSupport

@testable import TicketsService

/// Stores for the tickets suites on the backend they run on (`TestBackend`).
enum TicketsBackend {
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
