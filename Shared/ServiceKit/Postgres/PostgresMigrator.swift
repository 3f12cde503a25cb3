import Foundation

/// Applies a store's schema steps that a database lacks, each in its own
/// transaction, recorded in `schema_migration`. Processes starting together take
/// turns (a session-level advisory lock), so each step runs once.
enum PostgresMigrator {
    static let lock: Int64 = 0x676C_6D69_6772  // "glmigr"

    static func migrate(_ migrations: [PostgresMigration], on session: PostgresSession) throws {
        try session.execute("SELECT pg_advisory_lock(?)", lock)
        defer { try? session.execute("SELECT pg_advisory_unlock(?)", lock) }
        try session.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)", [])
        let applied = Set(try session.rows("SELECT name FROM schema_migration", []).map { $0["name"] as String })
        for migration in migrations where !applied.contains(migration.name) {
            try session.transaction {
                for statement in migration.statements { try session.execute(statement, []) }
                try session.execute(
                    "INSERT INTO schema_migration (name, applied_at_ms) VALUES (?, ?)", migration.name,
                    Int64(Date().timeIntervalSince1970 * 1000))
            }
        }
    }
}
