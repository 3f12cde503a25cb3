import Bus
import Contract
import ServiceKit

extension Staff.CoreValue {
    init(row: SQLRow) {
        self.init(
            value_id: row["value_id"], name: row["name"], description: row["description"],
            position: UInt32(row["position"] as Int64), updated_at_ms: row["updated_at_ms"])
    }
}
