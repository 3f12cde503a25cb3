import Contract
import Domain
import Foundation
import GRDB
import ServiceKit
import Wire

/// The queries of `StaffReading` on one SQLite connection.
class SQLiteStaffReader: SQLiteAccess, StaffReading {
    /// The message in the `body` BLOB of each row `sql` finds.
    func bodies<Message: WireMessage>(_ sql: String, _ arguments: StatementArguments) throws -> [Message] {
        try Data.fetchAll(db, sql: sql, arguments: arguments).map { try Message(blob: $0) }
    }

    /// The message in the `body` BLOB of the first row `sql` finds.
    func body<Message: WireMessage>(_ sql: String, _ arguments: StatementArguments) throws -> Message? {
        try Data.fetchOne(db, sql: sql, arguments: arguments).map { try Message(blob: $0) }
    }

    /// Whether `sql` finds a row.
    func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (\(sql))", arguments: arguments) ?? false
    }

    func coreValues() throws -> [Staff.CoreValue] {
        try Row.fetchAll(db, sql: "SELECT * FROM core_value ORDER BY position, value_id").map(
            Staff.CoreValue.init(row:))
    }

    func coreValue(id: String) throws -> Staff.CoreValue? {
        try Row.fetchOne(db, sql: "SELECT * FROM core_value WHERE value_id = ?", arguments: [id])
            .map(Staff.CoreValue.init(row:))
    }

    func nextCoreValuePosition() throws -> UInt32 {
        UInt32(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM core_value") ?? 1)
    }

    func coreValueExists(id: String) throws -> Bool {
        try exists("SELECT 1 FROM core_value WHERE value_id = ?", [id])
    }

    func employee(id: String) throws -> Staff.Employee? {
        try Row.fetchOne(db, sql: "SELECT * FROM employee WHERE employee_id = ?", arguments: [id])
            .map(Staff.Employee.init(row:))
    }

    func employee(email: String) throws -> Staff.Employee? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM employee WHERE email_key = ? ORDER BY created_at_ms DESC LIMIT 1",
            arguments: [email.lowercased()]
        ).map(Staff.Employee.init(row:))
    }

    func rehireBlocked(email: String) throws -> Bool {
        try exists("SELECT 1 FROM employee WHERE email_key = ? AND rehire_blocked = 1", [email.lowercased()])
    }

    func employees(_ filter: EmployeeFilter, page: Page) throws -> [Staff.Employee] {
        var clauses = SQLClauses()
        if let text = filter.text, !text.isEmpty {
            let pattern = "%" + text.likeEscaped + "%"
            clauses.add("(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')", pattern, pattern)
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
        return try Row.fetchAll(
            db,
            sql:
                "SELECT * FROM employee\(clauses.whereClause) ORDER BY name COLLATE NOCASE, employee_id LIMIT ? OFFSET ?",
            arguments: clauses.arguments(page)
        ).map(Staff.Employee.init(row:))
    }

    func team(id: String) throws -> Staff.Team? {
        guard
            var team = try Row.fetchOne(db, sql: Staff.Team.selectWithCount + " WHERE team_id = ?", arguments: [id])
                .map(Staff.Team.init(row:))
        else { return nil }
        team.member_ids = try String.fetchAll(
            db, sql: "SELECT employee_id FROM employee WHERE team_id = ? ORDER BY name, employee_id", arguments: [id])
        return team
    }

    func teamExists(id: String) throws -> Bool {
        try exists("SELECT 1 FROM team WHERE team_id = ?", [id])
    }

    func teams(_ filter: TeamFilter, page: Page) throws -> [Staff.Team] {
        var clauses = SQLClauses()
        clauses.match("kind", filter.kind?.rawValue)
        clauses.match("employer_id", filter.employerID)
        clauses.match("country", filter.country)
        return try Row.fetchAll(
            db,
            sql: Staff.Team.selectWithCount + clauses.whereClause
                + " ORDER BY name COLLATE NOCASE, team_id LIMIT ? OFFSET ?",
            arguments: clauses.arguments(page)
        ).map(Staff.Team.init(row:))
    }

    func evaluations(candidateID: String) throws -> [Staff.Evaluation] {
        try bodies(
            "SELECT body FROM evaluation WHERE candidate_id = ? ORDER BY recorded_at_ms, rowid", [candidateID])
    }

    func trainingWeeks(employeeID: String) throws -> UInt32? {
        try Int64.fetchOne(
            db, sql: "SELECT training_weeks FROM onboarding WHERE employee_id = ?", arguments: [employeeID]
        ).map { UInt32($0) }
    }

    func onboardingSteps(employeeID: String) throws -> [Staff.OnboardingStep] {
        try bodies("SELECT body FROM onboarding_step WHERE employee_id = ? ORDER BY position", [employeeID])
    }

    func nextStepPosition(employeeID: String) throws -> UInt32 {
        UInt32(
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM onboarding_step WHERE employee_id = ?",
                arguments: [employeeID]) ?? 1)
    }

    func offer(employeeID: String) throws -> Staff.Offer? {
        try body("SELECT body FROM offer WHERE employee_id = ?", [employeeID])
    }

    func offer(id: String) throws -> Staff.Offer? {
        try body("SELECT body FROM offer WHERE offer_id = ?", [id])
    }

    func storedOfferPolicy() throws -> Staff.OfferPolicy? {
        try body("SELECT body FROM offer_policy WHERE id = 1", [])
    }

    func offerCounts(madeFromMs: Int64, toMs: Int64) throws -> [Staff.OfferStatus: UInt32] {
        var counts: [Staff.OfferStatus: UInt32] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT status, COUNT(*) AS n FROM offer WHERE made_at_ms >= ? AND made_at_ms < ? GROUP BY status",
            arguments: [madeFromMs, toMs])
        {
            if let status = Staff.OfferStatus(rawValue: row["status"]) { counts[status] = UInt32(row["n"] as Int64) }
        }
        return counts
    }

    func plan(employeeID: String) throws -> Staff.Plan {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM plan WHERE employee_id = ?", arguments: [employeeID])
        let goals: [Staff.Goal] = try bodies(
            "SELECT body FROM goal WHERE employee_id = ? ORDER BY created_at_ms, rowid", [employeeID])
        return Staff.Plan(
            employee_id: employeeID, ambition: row?["ambition"], goals: goals, updated_at_ms: row?["updated_at_ms"])
    }

    func goal(id: String) throws -> Staff.Goal? {
        try body("SELECT body FROM goal WHERE goal_id = ?", [id])
    }

    func oneToOneNotes(employeeID: String, page: Page) throws -> [Staff.OneToOneNote] {
        try bodies(
            """
            SELECT body FROM one_to_one WHERE employee_id = ?
            ORDER BY held_at_ms DESC, created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?
            """, [employeeID, page.limit, page.offset])
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
        try exists("SELECT 1 FROM pulse_answered WHERE employee_id = ? AND period = ?", [employeeID, period])
    }

    func pulseTally(teamID: String, period: String) throws -> [(score: Int, answers: Int)] {
        try Row.fetchAll(
            db, sql: "SELECT score, answers FROM pulse_tally WHERE team_id = ? AND period = ?",
            arguments: [teamID, period]
        ).map { (score: Int($0["score"] as Int64), answers: Int($0["answers"] as Int64)) }
    }

    func budgetEntries(employeeID: String, month: String) throws -> [Staff.BudgetEntry] {
        try bodies(
            "SELECT body FROM budget_entry WHERE employee_id = ? AND month = ? ORDER BY spent_at_ms, rowid",
            [employeeID, month])
    }

    func budgetEntry(gestureID: String) throws -> Staff.BudgetEntry? {
        try body("SELECT body FROM budget_entry WHERE gesture_id = ?", [gestureID])
    }

    func spent(employeeID: String, month: String, currency: Currency) throws -> Money {
        let minor =
            try Int64.fetchOne(
                db,
                sql:
                    "SELECT COALESCE(SUM(amount_minor), 0) FROM budget_entry WHERE employee_id = ? AND month = ? AND currency = ?",
                arguments: [employeeID, month, currency.code]) ?? 0
        return Money(minorUnits: minor, currency: currency)
    }

    func credential(employeeID: String) throws -> StoredCredential? {
        try Row.fetchOne(
            db, sql: "SELECT password_hash, deactivated FROM account WHERE employee_id = ?", arguments: [employeeID]
        ).map { StoredCredential(passwordHash: $0["password_hash"], deactivated: ($0["deactivated"] as Int64) != 0) }
    }

    func invitation(tokenHash: String) throws -> StoredInvitation? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT used_at_ms, replaced, body FROM account_invitation WHERE token_hash = ?",
                arguments: [tokenHash])
        else { return nil }
        return StoredInvitation(
            invitation: try Staff.AccountInvitation(blob: row["body"]), usedAtMs: row["used_at_ms"],
            replaced: (row["replaced"] as Int64? ?? 0) != 0)
    }
}
