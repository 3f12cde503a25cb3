import Contract
import Foundation

extension DashboardPage {
    /// What detractors complain about in the window: each theme's count and its
    /// share of all detractor answers, most frequent first (the outer loop).
    func themes() -> DashboardCard {
        guard case .ready(let reply) = data.themes else { return unavailable(t["dash_themes"], csv: nil, data.themes) }
        var card = card(t["dash_themes"], csv: nil)
        let summary = DetractorThemes(reply.counts)
        guard !summary.themes.isEmpty else {
            card.paragraph(t["dash_themes_none"], class: "muted")
            return card
        }
        card.paragraph(t["dash_detractor_answers"], lead: language.number(summary.total))
        card.table(
            [t["col_theme"], t["col_answers"], t["col_share"]],
            summary.themes.map { theme in
                let share = summary.total > 0 ? Double(theme.count) / Double(summary.total) : 0
                return [theme.theme, language.number(theme.count), language.percent(share)]
            }, numeric: [1, 2])
        return card
    }
}

/// Theme counts of several periods summed over the window.
struct DetractorThemes {
    /// Detractor answers in the window's periods that have a theme at all.
    let total: Int
    /// Most frequent first, then by name.
    let themes: [(theme: String, count: Int)]

    init(_ counts: [Feedback.ThemeCount]) {
        var totals: [String: Int] = [:]
        var byTheme: [String: Int] = [:]
        for count in counts {
            totals[count.period ?? ""] = Int(count.detractors_total ?? 0)
            if let theme = count.theme { byTheme[theme, default: 0] += Int(count.detractors ?? 0) }
        }
        total = totals.values.reduce(0, +)
        themes = byTheme.map { (theme: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.theme < $1.theme }
    }
}
