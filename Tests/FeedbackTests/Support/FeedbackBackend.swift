import Bus
import Foundation
import TestSupport

@testable import FeedbackService

/// The database the feedback suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum FeedbackBackend {
    static let isPostgres = ProcessInfo.processInfo.environment["GLIMLACH_TEST_BACKEND"] == "postgres"
    static let isSQLite = !isPostgres

    /// A new, empty feedback database: the path of an SQLite file in a new
    /// temporary directory, or the URL of a fresh database on the test PostgreSQL server.
    static func freshDatabase() async throws -> String {
        if isPostgres { return try await TestPostgres.freshDatabase() }
        return FileManager.default.temporaryDirectory
            .appendingPathComponent("glimlach-feedback-\(UUID().uuidString)/feedback.sqlite").path
    }

    /// The feedback store on `database` (a path or URL from `freshDatabase`),
    /// opened again when it was opened before.
    static func store(
        at database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }, leaseHolder: String = UUID().uuidString
    ) async throws -> FeedbackSQLStore {
        if isPostgres {
            return try await FeedbackSQLStore.postgres(
                url: database, clock: clock, publish: publish, leaseHolder: leaseHolder)
        }
        return try FeedbackSQLStore(path: database, clock: clock, publish: publish)
    }

    /// The environment that puts a feedback process on the backend: on PostgreSQL a
    /// fresh database (give the same environment to a restart), on SQLite nothing
    /// (the stack's data directory).
    static func processEnvironment() async throws -> [String: String] {
        isPostgres ? ["GLIMLACH_DATABASE_URL": try await TestPostgres.freshDatabase()] : [:]
    }
}
