import Bus
import Foundation
import TestSupport

@testable import WebhooksService

/// Stores for the webhooks suites on the backend they run on (`TestBackend`).
enum WebhooksBackend {
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
