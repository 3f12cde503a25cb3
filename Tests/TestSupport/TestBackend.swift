import Foundation
import Stack

/// The database backend the suites run on: SQLite (the default), or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (`make unit` runs the whole suite both ways).
/// It reaches every service that has both backends
/// (`StackDefinition.postgresServices`), in process and as processes
/// (``ProcessStack`` gives each its own database).
public enum TestBackend {
    public static let isPostgres = ProcessInfo.processInfo.environment["GLIMLACH_TEST_BACKEND"] == "postgres"
    public static let isSQLite = !isPostgres

    /// A new, empty database for `service`, as a store's `open(_:)` takes it: a
    /// fresh database on the tests' PostgreSQL server, or the path of
    /// `SERVICE.sqlite` in `directory` (made here; the store creates the file).
    public static func freshDatabase(_ service: String, in directory: URL) async throws -> String {
        guard isPostgres, StackDefinition.postgresServices.contains(service) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return directory.appendingPathComponent("\(service).sqlite").path
        }
        return try await TestPostgres.freshDatabase()
    }
}
