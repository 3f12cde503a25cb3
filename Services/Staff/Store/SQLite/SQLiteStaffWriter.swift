import Contract
import Foundation
import GRDB
import ServiceKit
import Wire

/// The changes of `StaffWriting` inside one `SQLiteStore` write transaction.
final class SQLiteStaffWriter: SQLiteStaffReader, StaffWriting {
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

    func save(_ employee: Staff.Employee) throws { try employee.save(in: db) }

    func save(_ team: Staff.Team) throws { try team.save(in: db) }

    func insert(_ evaluation: Staff.Evaluation) throws {
        try db.execute(
            sql: "INSERT INTO evaluation (evaluation_id, candidate_id, recorded_at_ms, body) VALUES (?, ?, ?, ?)",
            arguments: [
                evaluation.evaluation_id, evaluation.candidate_id, evaluation.recorded_at_ms, try evaluation.blob(),
            ]
        )
    }

    func setTrainingWeeks(_ weeks: UInt32, employeeID: String) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO onboarding (employee_id, training_weeks) VALUES (?, ?)",
            arguments: [employeeID, weeks])
    }

    func insert(_ step: Staff.OnboardingStep, employeeID: String) throws {
        try db.execute(
            sql: "INSERT INTO onboarding_step (step_id, employee_id, position, body) VALUES (?, ?, ?, ?)",
            arguments: [step.step_id, employeeID, step.position, try step.blob()])
    }

    func save(_ step: Staff.OnboardingStep) throws {
        try db.execute(
            sql: "UPDATE onboarding_step SET body = ? WHERE step_id = ?", arguments: [try step.blob(), step.step_id])
    }

    func save(_ offer: Staff.Offer) throws {
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO offer (offer_id, employee_id, status, made_at_ms, body) VALUES (?, ?, ?, ?, ?)",
            arguments: [offer.offer_id, offer.employee_id, offer.status?.rawValue, offer.made_at_ms, try offer.blob()])
    }

    func save(_ policy: Staff.OfferPolicy) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO offer_policy (id, body) VALUES (1, ?)", arguments: [try policy.blob()])
    }

    func setAmbition(_ ambition: String?, employeeID: String) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO plan (employee_id, ambition, updated_at_ms) VALUES (?, ?, ?)",
            arguments: [employeeID, ambition, nowMs])
    }

    func save(_ goal: Staff.Goal) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO goal (goal_id, employee_id, created_at_ms, body) VALUES (?, ?, ?, ?)",
            arguments: [goal.goal_id, goal.employee_id, goal.created_at_ms, try goal.blob()])
    }

    func insert(_ note: Staff.OneToOneNote) throws {
        try db.execute(
            sql:
                "INSERT INTO one_to_one (note_id, employee_id, held_at_ms, created_at_ms, body) VALUES (?, ?, ?, ?, ?)",
            arguments: [note.note_id, note.employee_id, note.held_at_ms, note.created_at_ms, try note.blob()])
    }

    func insert(_ compliment: Staff.PeerCompliment) throws {
        try db.execute(
            sql: """
                INSERT INTO peer_compliment (compliment_id, from_employee_id, to_employee_id, team_id, value_id,
                    given_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                compliment.compliment_id, compliment.from_employee_id, compliment.to_employee_id, compliment.team_id,
                compliment.value_id, compliment.given_at_ms, try compliment.blob(),
            ])
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

    func insert(_ entry: Staff.BudgetEntry) throws {
        try db.execute(
            sql: """
                INSERT INTO budget_entry (entry_id, employee_id, month, amount_minor, currency, gesture_id, spent_at_ms, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.entry_id, entry.employee_id, entry.month, entry.amount?.minorUnits, entry.amount?.currency.code,
                entry.gesture_id, entry.spent_at_ms, try entry.blob(),
            ])
    }

    func setPasswordHash(_ hash: String, employeeID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO account (employee_id, password_hash, deactivated, updated_at_ms) VALUES (?, ?, 0, ?)
                ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash,
                    updated_at_ms = excluded.updated_at_ms
                """,
            arguments: [employeeID, hash, nowMs])
    }

    func save(_ invitation: Staff.AccountInvitation, tokenHash: String) throws {
        try db.execute(
            sql: "UPDATE account_invitation SET replaced = 1 WHERE employee_id = ? AND used_at_ms IS NULL",
            arguments: [invitation.employee_id])
        try db.execute(
            sql: """
                INSERT INTO account_invitation (token_hash, employee_id, expires_at_ms, body)
                VALUES (?, ?, ?, ?)
                """,
            arguments: [tokenHash, invitation.employee_id, invitation.expires_at_ms, try invitation.blob()])
    }

    func markInvitationUsed(tokenHash: String) throws {
        try db.execute(
            sql: "UPDATE account_invitation SET used_at_ms = ? WHERE token_hash = ?", arguments: [nowMs, tokenHash])
    }

    func setDeactivated(_ deactivated: Bool, employeeID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO account (employee_id, deactivated, updated_at_ms) VALUES (?, ?, ?)
                ON CONFLICT (employee_id) DO UPDATE SET deactivated = excluded.deactivated,
                    updated_at_ms = excluded.updated_at_ms
                """,
            arguments: [employeeID, deactivated ? 1 : 0, nowMs])
    }
}
