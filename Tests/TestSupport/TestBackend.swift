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

    /// Whether `service` keeps its data in PostgreSQL on this run: PostgreSQL runs,
    /// for the services that have that backend.
    public static func keepsPostgres(_ service: String) -> Bool {
        isPostgres && StackDefinition.postgresServices.contains(service)
    }

    /// A new, empty database for `service`, as a store's `open(_:)` takes it: a
    /// fresh database on the tests' PostgreSQL server, or the path of
    /// `SERVICE.sqlite` in `directory` (made here; the store creates the file).
    public static func freshDatabase(_ service: String, in directory: URL) async throws -> String {
        guard keepsPostgres(service) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return directory.appendingPathComponent("\(service).sqlite").path
        }
        return try await TestPostgres.freshDatabase()
    }
}
