import Bus
import Foundation
import TestSupport

@testable import FeedbackService

/// Stores for the feedback suites on the backend they run on (`TestBackend`).
enum FeedbackBackend {
    /// A new, empty feedback database: the path of an SQLite file in a new
    /// temporary directory, or the URL of a fresh database on the test PostgreSQL server.
    static func freshDatabase() async throws -> String {
        try await TestBackend.freshDatabase(
            "feedback", in: FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-feedback-\(UUID())")
        )
    }

    /// The feedback store on `database` (a path or URL from `freshDatabase`),
    /// opened again when it was opened before.
    static func store(
        at database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }, leaseHolder: String = UUID().uuidString
    ) async throws -> FeedbackSQLStore {
        try await FeedbackSQLStore.open(database, clock: clock, publish: publish, leaseHolder: leaseHolder)
    }
}
