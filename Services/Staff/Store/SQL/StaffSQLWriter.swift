import Contract
import Foundation
import ServiceKit
import Wire

/// The changes of `StaffWriting` inside one write transaction of the store,
/// SQLite or PostgreSQL.
final class StaffSQLWriter: StaffSQLReader, StaffWriting {
    func save(_ value: Staff.CoreValue) throws {
        try session.upsert(
            "core_value", key: ["value_id"],
            [
                ("value_id", value.value_id), ("name", value.name), ("description", value.description),
                ("position", value.position), ("updated_at_ms", value.updated_at_ms),
            ])
    }

    func deleteCoreValue(id: String) throws -> Bool {
        guard try coreValueExists(id: id) else { return false }
        try session.execute("DELETE FROM core_value WHERE value_id = ?", id)
        return true
    }

    func save(_ employee: Staff.Employee) throws {
        try session.upsert("employee", key: ["employee_id"], employee.columns)
    }

    func save(_ team: Staff.Team) throws { try session.upsert("team", key: ["team_id"], team.columns) }

    func insert(_ evaluation: Staff.Evaluation) throws {
        try session.execute(
            "INSERT INTO evaluation (evaluation_id, candidate_id, recorded_at_ms, body) VALUES (?, ?, ?, ?)",
            evaluation.evaluation_id, evaluation.candidate_id, evaluation.recorded_at_ms, try evaluation.blob())
    }

    func setTrainingWeeks(_ weeks: UInt32, employeeID: String) throws {
        try session.upsert(
            "onboarding", key: ["employee_id"], [("employee_id", employeeID), ("training_weeks", weeks)])
    }

    func insert(_ step: Staff.OnboardingStep, employeeID: String) throws {
        try session.execute(
            "INSERT INTO onboarding_step (step_id, employee_id, position, body) VALUES (?, ?, ?, ?)",
            step.step_id, employeeID, step.position, try step.blob())
    }

    func save(_ step: Staff.OnboardingStep) throws {
        try session.execute("UPDATE onboarding_step SET body = ? WHERE step_id = ?", try step.blob(), step.step_id)
    }

    func save(_ offer: Staff.Offer) throws {
        try session.upsert(
            "offer", key: ["offer_id"],
            [
                ("offer_id", offer.offer_id), ("employee_id", offer.employee_id), ("status", offer.status?.rawValue),
                ("made_at_ms", offer.made_at_ms), ("body", try offer.blob()),
            ])
    }

    func save(_ policy: Staff.OfferPolicy) throws {
        try session.upsert("offer_policy", key: ["id"], [("id", 1), ("body", try policy.blob())])
    }

    func setAmbition(_ ambition: String?, employeeID: String) throws {
        try session.upsert(
            "plan", key: ["employee_id"],
            [("employee_id", employeeID), ("ambition", ambition), ("updated_at_ms", nowMs)])
    }

    func save(_ goal: Staff.Goal) throws {
        try session.upsert(
            "goal", key: ["goal_id"],
            [
                ("goal_id", goal.goal_id), ("employee_id", goal.employee_id), ("created_at_ms", goal.created_at_ms),
                ("body", try goal.blob()),
            ])
    }

    func insert(_ note: Staff.OneToOneNote) throws {
        try session.execute(
            "INSERT INTO one_to_one (note_id, employee_id, held_at_ms, created_at_ms, body) VALUES (?, ?, ?, ?, ?)",
            note.note_id, note.employee_id, note.held_at_ms, note.created_at_ms, try note.blob())
    }

    func insert(_ compliment: Staff.PeerCompliment) throws {
        try session.execute(
            """
            INSERT INTO peer_compliment (compliment_id, from_employee_id, to_employee_id, team_id, value_id,
                given_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, compliment.compliment_id, compliment.from_employee_id, compliment.to_employee_id,
            compliment.team_id, compliment.value_id, compliment.given_at_ms, try compliment.blob())
    }

    func addPulseAnswer(employeeID: String, teamID: String, period: String, score: Int32) throws {
        // Who answered and what they answered live in separate tables with nothing
        // linking them: the score only raises a per-team, per-period tally.
        try session.execute("INSERT INTO pulse_answered (employee_id, period) VALUES (?, ?)", employeeID, period)
        try session.execute(
            """
            INSERT INTO pulse_tally (team_id, period, score, answers) VALUES (?, ?, ?, 1)
            ON CONFLICT (team_id, period, score) DO UPDATE SET answers = pulse_tally.answers + 1
            """, teamID, period, score)
    }

    func insert(_ entry: Staff.BudgetEntry) throws {
        try session.execute(
            """
            INSERT INTO budget_entry (entry_id, employee_id, month, amount_minor, currency, gesture_id, spent_at_ms, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, entry.entry_id, entry.employee_id, entry.month, entry.amount?.minorUnits,
            entry.amount?.currency.code, entry.gesture_id, entry.spent_at_ms, try entry.blob())
    }

    func setPasswordHash(_ hash: String, employeeID: String) throws {
        try session.execute(
            """
            INSERT INTO account (employee_id, password_hash, deactivated, updated_at_ms) VALUES (?, ?, 0, ?)
            ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash,
                updated_at_ms = excluded.updated_at_ms
            """, employeeID, hash, nowMs)
    }

    func save(_ invitation: Staff.AccountInvitation, tokenHash: String) throws {
        try session.execute(
            "UPDATE account_invitation SET replaced = 1 WHERE employee_id = ? AND used_at_ms IS NULL",
            invitation.employee_id)
        try session.execute(
            "INSERT INTO account_invitation (token_hash, employee_id, expires_at_ms, body) VALUES (?, ?, ?, ?)",
            tokenHash, invitation.employee_id, invitation.expires_at_ms, try invitation.blob())
    }

    func markInvitationUsed(tokenHash: String) throws {
        try session.execute("UPDATE account_invitation SET used_at_ms = ? WHERE token_hash = ?", nowMs, tokenHash)
    }

    func setDeactivated(_ deactivated: Bool, employeeID: String) throws {
        try session.execute(
            """
            INSERT INTO account (employee_id, deactivated, updated_at_ms) VALUES (?, ?, ?)
            ON CONFLICT (employee_id) DO UPDATE SET deactivated = excluded.deactivated,
                updated_at_ms = excluded.updated_at_ms
            """, employeeID, deactivated, nowMs)
    }
}
