import Contract
import Foundation
import GRDB

/// The queries of `StaffReading` on one SQLite connection.
class SQLiteStaffReader: StaffReading {
    let db: Database

    init(db: Database) { self.db = db }

    func coreValues() throws -> [Staff.CoreValue] {
        try Row.fetchAll(db, sql: "SELECT * FROM core_value ORDER BY position, value_id").map(
            Staff.CoreValue.init(row:))
    }

    func coreValue(id: String) throws -> Staff.CoreValue? {
        try Row.fetchOne(db, sql: "SELECT * FROM core_value WHERE value_id = ?", arguments: [id])
            .map(Staff.CoreValue.init(row:))
    }

    func employee(id: String) throws -> Staff.Employee? {
        try Row.fetchOne(db, sql: "SELECT * FROM employee WHERE employee_id = ?", arguments: [id])
            .map(Staff.Employee.init(row:))
    }

    func storedOfferPolicy() throws -> Staff.OfferPolicy? {
        try Data.fetchOne(db, sql: "SELECT body FROM offer_policy WHERE id = 1").map { try Staff.OfferPolicy(blob: $0) }
    }

    func teamExists(id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM team WHERE team_id = ?)", arguments: [id]) ?? false
    }

    func answeredPulse(employeeID: String, period: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM pulse_answered WHERE employee_id = ? AND period = ?)",
            arguments: [employeeID, period]) ?? false
    }

    func pulseTally(teamID: String, period: String) throws -> [(score: Int, answers: Int)] {
        try Row.fetchAll(
            db, sql: "SELECT score, answers FROM pulse_tally WHERE team_id = ? AND period = ?",
            arguments: [teamID, period]
        ).map { (score: Int($0["score"] as Int64), answers: Int($0["answers"] as Int64)) }
    }

    func nextCoreValuePosition() throws -> UInt32 {
        UInt32(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM core_value") ?? 1)
    }
}
