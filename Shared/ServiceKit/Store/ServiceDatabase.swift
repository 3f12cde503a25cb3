import Bus
import Foundation

/// A service's database as `ServiceOptions.database` names it: a PostgreSQL URL or
/// the path of an SQLite file.
public enum ServiceDatabase {
    /// Opens `database` for `service` and brings its schema up to date: on
    /// PostgreSQL with the steps `postgres` gives (asked for only then), else on
    /// SQLite with `sqlite` (the file is created when missing).
    /// - Parameters:
    ///   - clock: the time every change is stamped with (tests move it).
    ///   - publish: receives committed events in sequence order.
    public static func open(
        _ database: String, service: String, sqlite: [Migration], postgres: () throws -> [PostgresMigration],
        clock: @escaping @Sendable () -> Date = Date.init, publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> any TransactionStore {
        guard PostgresAddress.isPostgres(database) else {
            return try SQLiteStore(path: database, service: service, migrations: sqlite, clock: clock, publish: publish)
        }
        return try await PostgresStore(
            url: database, service: service, migrations: try postgres(), clock: clock, publish: publish)
    }
}
