import Foundation
import GRDB

/// The first reply to each (method, idempotency key), so a retried create returns
/// it instead of making something twice.
enum IdempotencyLedger {
    static let migrations = [
        Migration("idempotency") { db in
            try db.execute(
                sql: """
                    CREATE TABLE idempotency (
                        method TEXT NOT NULL,
                        key TEXT NOT NULL,
                        reply BLOB NOT NULL,
                        PRIMARY KEY (method, key))
                    """)
        }
    ]

    static func reply(in db: Database, method: String, key: String) throws -> [UInt8]? {
        try Data.fetchOne(
            db, sql: "SELECT reply FROM idempotency WHERE method = ? AND key = ?", arguments: [method, key]
        )
        .map { [UInt8]($0) }
    }

    static func remember(in db: Database, method: String, key: String, reply: [UInt8]) throws {
        try db.execute(
            sql: "INSERT INTO idempotency (method, key, reply) VALUES (?, ?, ?)", arguments: [method, key, Data(reply)])
    }
}

extension SQLiteAccess {
    /// Deletes the remembered replies that mention any of `ids` (a customer's, their
    /// tickets'), so an erasure leaves no copy of their data in the ledger; a create
    /// retried with one of those keys afterwards runs again.
    public func forgetReplies(mentioning ids: [String]) throws {
        for id in ids where !id.isEmpty {
            try db.execute(
                sql: "DELETE FROM idempotency WHERE instr(reply, ?) > 0", arguments: [Data(id.utf8)])
        }
    }
}
