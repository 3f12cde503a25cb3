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
