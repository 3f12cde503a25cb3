import Bus
import Contract
import GRDB
import ServiceKit

extension Staff.Team {
    /// From a `team` row; `member_count` from the column of that name when selected.
    init(row: Row) {
        self.init(
            team_id: row["team_id"], name: row["name"], kind: Staff.TeamKind(rawValue: row["kind"]),
            lead_id: row["lead_id"], site: row["site"], employer_id: row["employer_id"], country: row["country"],
            member_count: (row["member_count"] as Int64?).map { UInt32($0) }, created_at_ms: row["created_at_ms"],
            updated_at_ms: row["updated_at_ms"])
    }

    /// Inserts or replaces the row (members live on `employee.team_id`).
    func save(in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO team (team_id, name, kind, lead_id, site, employer_id, country,
                    created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                team_id, name, kind?.rawValue ?? 0, lead_id, site, employer_id, country, created_at_ms, updated_at_ms,
            ])
    }

    static let selectWithCount = """
        SELECT team.*, (SELECT COUNT(*) FROM employee WHERE employee.team_id = team.team_id) AS member_count FROM team
        """

}
