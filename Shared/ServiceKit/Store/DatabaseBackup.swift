import Foundation
import GRDB

/// Copies of a service's SQLite database made with SQLite's online backup API: each
/// copy is the database as of one committed moment, taken while the service goes on
/// reading and writing (in WAL mode its writers do not wait for the copy).
public enum DatabaseBackup {
    /// What a copy holds, for a backup's manifest and for checking a restore.
    public struct Contents: Sendable, Codable, Equatable {
        /// The newest event in its outbox (0 when none, or no outbox).
        public var lastSequence: UInt64
        /// The schema migrations applied, in order.
        public var migrations: [String]
    }

    /// Copies the database at `source` into a new file `destination`, a single file
    /// (rollback journal) that opens without a write-ahead log beside it.
    /// - Throws: what SQLite reports (a missing or unreadable source, a full disk).
    public static func copy(from source: String, to destination: String) throws -> Contents {
        let reader = try DatabaseQueue(path: source, configuration: configuration(busy: .timeout(10)))
        let writer = try DatabaseQueue(path: destination)
        try reader.backup(to: writer)
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        let contents = try writer.read(Self.contents)
        try writer.close()
        try reader.close()
        return contents
    }

    /// Checks the database at `path` page by page and reads what it holds.
    /// - Throws: `DatabaseBackupError.damaged` when SQLite's integrity check fails.
    public static func check(_ path: String) throws -> Contents {
        let queue = try DatabaseQueue(path: path, configuration: configuration(busy: .immediateError, readonly: true))
        defer { try? queue.close() }
        return try queue.read { db in
            let verdict = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard verdict == ["ok"] else {
                throw DatabaseBackupError.damaged(path: path, reason: verdict.prefix(3).joined(separator: "; "))
            }
            return try contents(db)
        }
    }

    /// Whether a process has the database at `path` open (a running service keeps
    /// its database open): true when an exclusive lock on it cannot be had.
    public static func isInUse(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(busy: .immediateError))
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch {
            return true
        }
    }

    /// Whether the file at `url` begins like an SQLite database.
    public static func isDatabase(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }

    private static func contents(_ db: Database) throws -> Contents {
        let outbox = try db.tableExists("outbox")
        let last = outbox ? try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM outbox") ?? 0 : 0
        let migrations =
            try db.tableExists("grdb_migrations")
            ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") : []
        return Contents(lastSequence: UInt64(last), migrations: migrations)
    }

    private static func configuration(busy: Database.BusyMode, readonly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = busy
        configuration.readonly = readonly
        return configuration
    }
}

/// Why a database cannot be used as a backup or restored.
public enum DatabaseBackupError: Error, CustomStringConvertible {
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case .damaged(let path, let reason): "\(path): damaged (\(reason))"
        }
    }
}
