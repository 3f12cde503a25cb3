import Contract
import Foundation

extension DashboardPage {
    /// What detractors complain about in the window: each theme's count and its
    /// share of all detractor answers, most frequent first (the outer loop).
    func themes() -> String {
        switch data.themes {
        case .unavailable(let reason): return card("Themes among detractors", csv: nil, unavailable(reason))
        case .ready(let reply):
            let summary = DetractorThemes(reply.counts)
            guard !summary.themes.isEmpty else {
                return card(
                    "Themes among detractors", csv: nil,
                    "<p class=\"muted\">No themes found among detractor answers in this window.</p>")
            }
            let rows = summary.themes.map { theme in
                let share = summary.total > 0 ? Int((Double(theme.count) * 100 / Double(summary.total)).rounded()) : 0
                return
                    "<tr><td>\(HTML.escape(theme.theme))</td><td class=\"n\">\(theme.count)</td><td class=\"n\">\(share)%</td></tr>"
            }
            return card(
                "Themes among detractors", csv: nil,
                """
                <p><strong>\(summary.total)</strong> detractor answers</p>
                <table><tr><th>Theme</th><th>Answers</th><th>Share of detractors</th></tr>\(rows.joined())</table>
                """)
        }
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
