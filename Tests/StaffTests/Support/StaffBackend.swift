import Bus
import Foundation
import ServiceKit
import TestSupport

@testable import StaffService

/// Stores for the staff suites on the backend they run on (`TestBackend`).
enum StaffBackend {
    /// A new, empty staff store: an SQLite file `staff.sqlite` in `directory`, or a
    /// fresh database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> StaffSQLStore {
        try await StaffSQLStore.open(
            try await TestBackend.freshDatabase("staff", in: directory), clock: clock, publish: publish)
    }

    /// Everything `store` keeps, as bytes to search: on SQLite the database file and
    /// its write-ahead log; on PostgreSQL every row of every table as text, with
    /// byte columns also decoded (PostgreSQL shows them in hex).
    static func storedBytes(_ store: StaffSQLStore, directory: URL) async throws -> Data {
        guard TestBackend.isPostgres else {
            let file = directory.appendingPathComponent("staff.sqlite").path
            return ["", "-wal"].reduce(into: Data()) { bytes, suffix in
                bytes += (try? Data(contentsOf: URL(fileURLWithPath: file + suffix))) ?? Data()
            }
        }
        return try await store.database.readSession { session in
            let tables = try session.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", []
            ).map { $0["table_name"] as String }
            var bytes = Data()
            for table in tables {
                for row in try session.rows("SELECT CAST(t AS TEXT) AS text FROM \(table) t", []) {
                    bytes += Data((row["text"] as String).utf8)
                }
                let blobs = try session.rows(
                    """
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ? AND data_type = 'bytea'
                    """, [.text(table)])
                for column in blobs.map({ $0["column_name"] as String }) {
                    for row in try session.rows("SELECT \(column) AS bytes FROM \(table)", []) {
                        bytes += Data(row["bytes"] as [UInt8])
                    }
                }
            }
            return bytes
        }
    }
}
