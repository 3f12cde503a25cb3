import Bus
import Contract
import GRDB
import ServiceKit

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
