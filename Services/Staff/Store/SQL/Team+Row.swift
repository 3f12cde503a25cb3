import Bus
import Contract
import ServiceKit

extension Staff.Team {
    /// From a `team` row; `member_count` from the column of that name when selected.
    init(row: SQLRow) {
        self.init(
            team_id: row["team_id"], name: row["name"], kind: Staff.TeamKind(rawValue: row["kind"]),
            lead_id: row["lead_id"], site: row["site"], employer_id: row["employer_id"], country: row["country"],
            member_count: (row["member_count"] as Int64?).map { UInt32($0) }, created_at_ms: row["created_at_ms"],
            updated_at_ms: row["updated_at_ms"])
    }

    /// The columns of its `team` row (members live on `employee.team_id`).
    var columns: [(String, any SQLValueConvertible)] {
        [
            ("team_id", team_id), ("name", name), ("kind", kind?.rawValue ?? 0), ("lead_id", lead_id), ("site", site),
            ("employer_id", employer_id), ("country", country), ("created_at_ms", created_at_ms),
            ("updated_at_ms", updated_at_ms),
        ]
    }

    static let selectWithCount = """
        SELECT team.*, (SELECT COUNT(*) FROM employee WHERE employee.team_id = team.team_id) AS member_count FROM team
        """
}
