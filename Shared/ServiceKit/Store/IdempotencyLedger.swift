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

    static func reply(in session: any SQLSession, method: String, key: String) throws -> [UInt8]? {
        try session.value(
            [UInt8].self, "SELECT reply FROM idempotency WHERE method = ? AND key = ?",
            [
                .text(method), .text(key),
            ])
    }

    static func remember(in session: any SQLSession, method: String, key: String, reply: [UInt8]) throws {
        try session.execute("INSERT INTO idempotency (method, key, reply) VALUES (?, ?, ?)", method, key, reply)
    }
}

extension StoreAccess {
    /// Deletes the remembered replies that mention any of `ids` (a customer's, their
    /// tickets'), so an erasure leaves no copy of their data in the ledger; a create
    /// retried with one of those keys afterwards runs again.
    public func forgetReplies(mentioning ids: [String]) throws {
        let contains =
            switch session.dialect {
            case .sqlite: "instr(reply, ?) > 0"
            case .postgres: "position(? IN reply) > 0"
            }
        for id in ids where !id.isEmpty {
            try session.execute("DELETE FROM idempotency WHERE \(contains)", Array(id.utf8))
        }
    }
}
