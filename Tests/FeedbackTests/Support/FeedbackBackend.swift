import Bus
import Foundation
import TestSupport

@testable import FeedbackService

/// The database the feedback suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum FeedbackBackend {
    static let isPostgres = TestBackend.isPostgres
    static let isSQLite = TestBackend.isSQLite

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
