import Bus
import Foundation
import TestSupport

@testable import WebhooksService

/// The database the webhooks suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum WebhooksBackend {
    static let isPostgres = TestBackend.isPostgres
    static let isSQLite = TestBackend.isSQLite

    /// A new, empty webhooks store: an SQLite file `webhooks.sqlite` in `directory`,
    /// or a fresh database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> WebhooksSQLStore {
        try await WebhooksSQLStore.open(
            try await TestBackend.freshDatabase("webhooks", in: directory), clock: clock, publish: publish)
    }

}
