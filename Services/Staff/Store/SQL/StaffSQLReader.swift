import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// The queries of `StaffReading` on one connection, SQLite or PostgreSQL.
///
/// Names sort and match without regard to ASCII case on both: `lower()` on both
/// sides of LIKE (SQLite's LIKE ignores ASCII case, PostgreSQL's does not), and
/// `ORDER BY lower(name)` for SQLite's `COLLATE NOCASE`.
class StaffSQLReader: StoreAccess, StaffReading {
    /// The message in the `body` column of each row `sql` finds.
    func bodies<Message: WireMessage>(_ sql: String, _ arguments: [SQLValue]) throws -> [Message] {
        try decoded(Message.self, sql, arguments)
    }

    /// The message in the `body` column of the first row `sql` finds.
    func body<Message: WireMessage>(_ sql: String, _ arguments: [SQLValue]) throws -> Message? {
        let found: [Message] = try bodies(sql, arguments)
        return found.first
    }

    /// Whether `sql` finds a row.
    func exists(_ sql: String, _ arguments: [SQLValue]) throws -> Bool {
        try session.value(Bool.self, "SELECT EXISTS (\(sql))", arguments) ?? false
    }

    func coreValues() throws -> [Staff.CoreValue] {
        try session.rows("SELECT * FROM core_value ORDER BY position, value_id").map(Staff.CoreValue.init(row:))
    }

    func coreValue(id: String) throws -> Staff.CoreValue? {
        try session.rows("SELECT * FROM core_value WHERE value_id = ?", id).first.map(Staff.CoreValue.init(row:))
    }

    func nextCoreValuePosition() throws -> UInt32 {
        UInt32(try session.value(Int64.self, "SELECT COALESCE(MAX(position), 0) + 1 FROM core_value") ?? 1)
    }

    func coreValueExists(id: String) throws -> Bool {
        try exists("SELECT 1 FROM core_value WHERE value_id = ?", [.text(id)])
    }

    func employee(id: String) throws -> Staff.Employee? {
        try session.rows("SELECT * FROM employee WHERE employee_id = ?", id).first.map(Staff.Employee.init(row:))
    }

    func employee(email: String) throws -> Staff.Employee? {
        try session.rows(
            "SELECT * FROM employee WHERE email_key = ? ORDER BY created_at_ms DESC LIMIT 1", email.lowercased()
        ).first.map(Staff.Employee.init(row:))
    }

    func rehireBlocked(email: String) throws -> Bool {
        try exists(
            "SELECT 1 FROM employee WHERE email_key = ? AND rehire_blocked = 1", [.text(email.lowercased())])
    }

    func employees(_ filter: EmployeeFilter, page: Page) throws -> [Staff.Employee] {
        var clauses = SQLClauses()
        if let text = filter.text, !text.isEmpty {
            let pattern = "%" + text.likeEscaped + "%"
            clauses.add(
                "(lower(name) LIKE lower(?) ESCAPE '\\' OR lower(email) LIKE lower(?) ESCAPE '\\')", pattern, pattern)
        }
        clauses.match("team_id", filter.teamID)
        clauses.match("role", filter.role?.rawValue)
        clauses.match("employer_id", filter.employerID)
        clauses.match("employer_kind", filter.employerKind?.rawValue)
        clauses.match("country", filter.country)
        clauses.match("site", filter.site)
        if !filter.statuses.isEmpty {
            clauses.add("status IN (\(filter.statuses.map { String($0.rawValue) }.joined(separator: ",")))")
        }
        return try session.rows(
            "SELECT * FROM employee\(clauses.whereClause) ORDER BY lower(name), employee_id LIMIT ? OFFSET ?",
            clauses.arguments(page)
        ).map(Staff.Employee.init(row:))
    }

    func team(id: String) throws -> Staff.Team? {
        guard
            var team = try session.rows(Staff.Team.selectWithCount + " WHERE team_id = ?", id).first
                .map(Staff.Team.init(row:))
        else { return nil }
        team.member_ids = try session.rows(
            "SELECT employee_id FROM employee WHERE team_id = ? ORDER BY name, employee_id", id
        ).map { $0["employee_id"] }
        return team
    }

    func teamExists(id: String) throws -> Bool {
        try exists("SELECT 1 FROM team WHERE team_id = ?", [.text(id)])
    }

    func teams(_ filter: TeamFilter, page: Page) throws -> [Staff.Team] {
        var clauses = SQLClauses()
        clauses.match("kind", filter.kind?.rawValue)
        clauses.match("employer_id", filter.employerID)
        clauses.match("country", filter.country)
        return try session.rows(
            Staff.Team.selectWithCount + clauses.whereClause + " ORDER BY lower(name), team_id LIMIT ? OFFSET ?",
            clauses.arguments(page)
        ).map(Staff.Team.init(row:))
    }

    func evaluations(candidateID: String) throws -> [Staff.Evaluation] {
        try bodies(
            "SELECT body FROM evaluation WHERE candidate_id = ? ORDER BY recorded_at_ms, rowid", [.text(candidateID)])
    }

    func trainingWeeks(employeeID: String) throws -> UInt32? {
        try session.value(
            UInt32.self, "SELECT training_weeks FROM onboarding WHERE employee_id = ?", [.text(employeeID)])
    }

    func onboardingSteps(employeeID: String) throws -> [Staff.OnboardingStep] {
        try bodies("SELECT body FROM onboarding_step WHERE employee_id = ? ORDER BY position", [.text(employeeID)])
    }

    func nextStepPosition(employeeID: String) throws -> UInt32 {
        UInt32(
            try session.value(
                Int64.self, "SELECT COALESCE(MAX(position), 0) + 1 FROM onboarding_step WHERE employee_id = ?",
                [.text(employeeID)]) ?? 1)
    }

    func offer(employeeID: String) throws -> Staff.Offer? {
        try body("SELECT body FROM offer WHERE employee_id = ?", [.text(employeeID)])
    }

    func offer(id: String) throws -> Staff.Offer? {
        try body("SELECT body FROM offer WHERE offer_id = ?", [.text(id)])
    }

    func storedOfferPolicy() throws -> Staff.OfferPolicy? {
        try body("SELECT body FROM offer_policy WHERE id = 1", [])
    }

    func offerCounts(madeFromMs: Int64, toMs: Int64) throws -> [Staff.OfferStatus: UInt32] {
        var counts: [Staff.OfferStatus: UInt32] = [:]
        for row in try session.rows(
            "SELECT status, COUNT(*) AS n FROM offer WHERE made_at_ms >= ? AND made_at_ms < ? GROUP BY status",
            madeFromMs, toMs)
        {
            if let status = Staff.OfferStatus(rawValue: row["status"]) { counts[status] = UInt32(row["n"] as Int64) }
        }
        return counts
    }

    func plan(employeeID: String) throws -> Staff.Plan {
        let row = try session.rows("SELECT ambition, updated_at_ms FROM plan WHERE employee_id = ?", employeeID).first
        let goals: [Staff.Goal] = try bodies(
            "SELECT body FROM goal WHERE employee_id = ? ORDER BY created_at_ms, rowid", [.text(employeeID)])
        return Staff.Plan(
            employee_id: employeeID, ambition: row?["ambition"], goals: goals, updated_at_ms: row?["updated_at_ms"])
    }

    func goal(id: String) throws -> Staff.Goal? {
        try body("SELECT body FROM goal WHERE goal_id = ?", [.text(id)])
    }

    func oneToOneNotes(employeeID: String, page: Page) throws -> [Staff.OneToOneNote] {
        try bodies(
            """
            SELECT body FROM one_to_one WHERE employee_id = ?
            ORDER BY held_at_ms DESC, created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?
            """, [.text(employeeID), page.limit.sqlValue, page.offset.sqlValue])
    }

    func peerCompliments(_ filter: PeerComplimentFilter, page: Page) throws -> [Staff.PeerCompliment] {
        var clauses = SQLClauses()
        clauses.match("to_employee_id", filter.toEmployeeID)
        clauses.match("from_employee_id", filter.fromEmployeeID)
        clauses.match("team_id", filter.teamID)
        clauses.match("value_id", filter.valueID)
        return try bodies(
            "SELECT body FROM peer_compliment\(clauses.whereClause) ORDER BY given_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
            clauses.arguments(page))
    }

    func answeredPulse(employeeID: String, period: String) throws -> Bool {
        try exists(
            "SELECT 1 FROM pulse_answered WHERE employee_id = ? AND period = ?", [.text(employeeID), .text(period)])
    }

    func pulseTally(teamID: String, period: String) throws -> [(score: Int, answers: Int)] {
        try session.rows("SELECT score, answers FROM pulse_tally WHERE team_id = ? AND period = ?", teamID, period)
            .map { (score: $0["score"], answers: $0["answers"]) }
    }

    func budgetEntries(employeeID: String, month: String) throws -> [Staff.BudgetEntry] {
        try bodies(
            "SELECT body FROM budget_entry WHERE employee_id = ? AND month = ? ORDER BY spent_at_ms, rowid",
            [.text(employeeID), .text(month)])
    }

    func budgetEntry(gestureID: String) throws -> Staff.BudgetEntry? {
        try body("SELECT body FROM budget_entry WHERE gesture_id = ?", [.text(gestureID)])
    }

    func spent(employeeID: String, month: String, currency: Currency) throws -> Money {
        let minor =
            try session.value(
                Int64.self,
                "SELECT COALESCE(SUM(amount_minor), 0) FROM budget_entry WHERE employee_id = ? AND month = ? AND currency = ?",
                [.text(employeeID), .text(month), .text(currency.code)]) ?? 0
        return Money(minorUnits: minor, currency: currency)
    }

    func credential(employeeID: String) throws -> StoredCredential? {
        try session.rows("SELECT password_hash, deactivated FROM account WHERE employee_id = ?", employeeID).first
            .map { StoredCredential(passwordHash: $0["password_hash"], deactivated: $0["deactivated"]) }
    }

    func invitation(tokenHash: String) throws -> StoredInvitation? {
        guard
            let row = try session.rows(
                "SELECT used_at_ms, replaced, body FROM account_invitation WHERE token_hash = ?", tokenHash
            ).first
        else { return nil }
        return StoredInvitation(
            invitation: try Staff.AccountInvitation(row: row), usedAtMs: row["used_at_ms"],
            replaced: (row["replaced"] as Bool?) ?? false)
    }
}
