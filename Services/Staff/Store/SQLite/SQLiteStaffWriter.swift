import Contract
import GRDB
import ServiceKit
import Wire

/// The changes of `StaffWriting` inside one `SQLiteStore` write transaction.
final class SQLiteStaffWriter: SQLiteStaffReader, StaffWriting {
    /// The transaction's change; its recorded events are handed back to the store.
    var change: Change

    init(change: Change) {
        self.change = change
        super.init(db: change.db)
    }

    var nowMs: Int64 { change.nowMs }

    func save(_ value: Staff.CoreValue) throws {
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO core_value (value_id, name, description, position, updated_at_ms) VALUES (?, ?, ?, ?, ?)",
            arguments: [value.value_id, value.name, value.description, value.position, value.updated_at_ms])
    }

    func deleteCoreValue(id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM core_value WHERE value_id = ?", arguments: [id])
        return db.changesCount > 0
    }

    func save(_ policy: Staff.OfferPolicy) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO offer_policy (id, body) VALUES (1, ?)", arguments: [try policy.blob()])
    }

    func addPulseAnswer(employeeID: String, teamID: String, period: String, score: Int32) throws {
        // Who answered and what they answered live in separate tables with nothing
        // linking them: the score only raises a per-team, per-period tally.
        try db.execute(
            sql: "INSERT INTO pulse_answered (employee_id, period) VALUES (?, ?)", arguments: [employeeID, period])
        try db.execute(
            sql: """
                INSERT INTO pulse_tally (team_id, period, score, answers) VALUES (?, ?, ?, 1)
                ON CONFLICT (team_id, period, score) DO UPDATE SET answers = answers + 1
                """,
            arguments: [teamID, period, score])
    }

    func record(_ type: String, subject: String, _ payload: some WireMessage) throws {
        try change.record(type, subject: subject, payload)
    }
}
