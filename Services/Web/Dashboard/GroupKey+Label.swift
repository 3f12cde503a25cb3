import Contract
import Domain

extension Analytics.GroupKey {
    /// How a row is named on the dashboard: the set dimension's display value.
    var label: String {
        if let channel { return channel.displayName }
        if let country { return country.isEmpty ? "(no country)" : country }
        if let product_category { return product_category.isEmpty ? "(no category)" : product_category }
        if let team_id { return nonEmpty(team_name) ?? (team_id.isEmpty ? "(no team)" : team_id) }
        if let employee_id { return nonEmpty(employee_name) ?? (employee_id.isEmpty ? "(no agent)" : employee_id) }
        if let employer_id { return employer_id.isEmpty ? "(no employer)" : employer_id }
        if let gesture_kind { return "\(gesture_kind)" }
        if let day { return day }
        return "total"
    }
}

extension Analytics.NpsRow {
    var intervalRow: IntervalChart.Row? {
        guard let nps else { return nil }
        return IntervalChart.Row(
            label: key?.label ?? "total", nps: nps, lower: lower ?? nps, upper: upper ?? nps, n: n ?? 0)
    }
}

extension Analytics.PersonalNpsEntry {
    var name: String { nonEmpty(employee_name) ?? nonEmpty(employee_id) ?? "?" }
}

/// `text` unless it is nil or empty (names the read model does not know yet are "").
func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}
