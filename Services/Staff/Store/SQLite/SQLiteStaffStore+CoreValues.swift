import Bus
import Contract
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func coreValues() async throws -> [Staff.CoreValue] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM core_value ORDER BY position, value_id").map(
                Staff.CoreValue.init(row:))
        }
    }

    func upsertCoreValue(_ value: Staff.CoreValue, key: String?) async throws -> Staff.UpsertCoreValueReply {
        try await write("UpsertCoreValue", key: key) { change in
            let id = try value.value_id.stored("value_id")
            let existing = try Row.fetchOne(
                change.db, sql: "SELECT * FROM core_value WHERE value_id = ?", arguments: [id])
            var saved = value
            saved.updated_at_ms = change.nowMs
            if saved.position == nil {
                saved.position =
                    try existing.map { UInt32($0["position"] as Int64) }
                    ?? UInt32(
                        Int64.fetchOne(change.db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM core_value") ?? 1)
            }
            try change.db.execute(
                sql:
                    "INSERT OR REPLACE INTO core_value (value_id, name, description, position, updated_at_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, saved.name, saved.description, saved.position, saved.updated_at_ms])
            try change.record("core_value.upserted", subject: id, Staff.CoreValueUpserted(value: saved))
            return Staff.UpsertCoreValueReply(value: saved, created: existing == nil)
        }
    }

    func deleteCoreValue(_ id: String, key: String?) async throws {
        _ = try await write("DeleteCoreValue", key: key) { change in
            try change.db.execute(sql: "DELETE FROM core_value WHERE value_id = ?", arguments: [id])
            guard change.db.changesCount > 0 else { throw StoreError.notFound("core value", id) }
            try change.record("core_value.deleted", subject: id, Staff.CoreValueDeleted(value_id: id))
            return Staff.DeleteCoreValueReply()
        }
    }
}

extension Staff.CoreValue {
    init(row: Row) {
        self.init(
            value_id: row["value_id"], name: row["name"], description: row["description"],
            position: UInt32(row["position"] as Int64), updated_at_ms: row["updated_at_ms"])
    }

    /// NOT_FOUND naming `field` unless the value exists.
    static func requireKnown(_ id: String, in db: Database, field: String = "value_id") throws {
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM core_value WHERE value_id = ?)", arguments: [id])
                == true
        else { throw StoreError.absent("\(field): no core value '\(id)'") }
    }
}
