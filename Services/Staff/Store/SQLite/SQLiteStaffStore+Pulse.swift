import Bus
import Contract
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func submitPulse(
        employeeID: String, score: Int32, period: String, key: String?
    ) async throws
        -> Staff.SubmitPulseReply
    {
        try await write("SubmitPulse", key: key) { change in
            let employee = try Staff.Employee.fetch(employeeID, in: change.db)
            let team = try PulseRules.team(of: employee)
            // Who answered and what they answered live in separate tables with nothing
            // linking them: the score only raises a per-team, per-period tally.
            try change.db.execute(
                sql: "INSERT OR IGNORE INTO pulse_answered (employee_id, period) VALUES (?, ?)",
                arguments: [employeeID, period])
            guard change.db.changesCount == 1 else {
                throw Refusal.exists("\(employeeID) already answered the pulse for \(period)")
            }
            try change.db.execute(
                sql: """
                    INSERT INTO pulse_tally (team_id, period, score, answers) VALUES (?, ?, ?, 1)
                    ON CONFLICT (team_id, period, score) DO UPDATE SET answers = answers + 1
                    """,
                arguments: [team, period, score])
            try change.record(
                "pulse.submitted", subject: team, Staff.PulseSubmitted(team_id: team, period: period, score: score))
            return Staff.SubmitPulseReply(team_id: team, period: period)
        }
    }

    func pulseResult(teamID: String, period: String) async throws -> Staff.PulseResult {
        try await readDB { db in
            _ = try Staff.Team.fetch(teamID, in: db)
            let rows = try Row.fetchAll(
                db, sql: "SELECT score, answers FROM pulse_tally WHERE team_id = ? AND period = ?",
                arguments: [teamID, period])
            return PulseRules.result(
                team: teamID, period: period,
                tally: rows.map { (score: Int($0["score"] as Int64), answers: Int($0["answers"] as Int64)) })
        }
    }
}
