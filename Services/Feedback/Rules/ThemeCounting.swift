import Contract
import Domain
import Foundation

/// Counts themes among detractor answers per day, ISO week or month of a window,
/// in the window's time zone (the outer loop: what makes customers unhappy most).
enum ThemeCounting {
    /// One row per (period, theme) with detractors carrying the theme; by period,
    /// then count descending, then theme. Periods are cut to the window.
    static func counts(
        _ answers: [(answeredAtMs: Int64, themes: [String])], in window: Domain.TimeWindow,
        per period: Feedback.ThemePeriod
    ) -> [Feedback.ThemeCount] {
        var periods: [Int64: (window: Domain.TimeWindow, total: Int, themes: [String: Int])] = [:]
        for answer in answers {
            let instant = Date(unixMilliseconds: answer.answeredAtMs)
            guard window.contains(instant) else { continue }
            let bucket = Self.period(containing: instant, period, window.timeZone)
            var entry = periods[bucket.from.unixMilliseconds] ?? (bucket, 0, [:])
            entry.total += 1
            for theme in Set(answer.themes) { entry.themes[theme, default: 0] += 1 }
            periods[bucket.from.unixMilliseconds] = entry
        }
        return periods.keys.sorted().flatMap { key -> [Feedback.ThemeCount] in
            let entry = periods[key]!
            let from = max(entry.window.from, window.from).unixMilliseconds
            let to = min(entry.window.to, window.to).unixMilliseconds
            let label = Self.label(entry.window.from, period, window.timeZone)
            return entry.themes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                Feedback.ThemeCount(
                    period: label, period_from_ms: from, period_to_ms: to, theme: $0.key, detractors: UInt32($0.value),
                    detractors_total: UInt32(entry.total), share: Double($0.value) / Double(entry.total))
            }
        }
    }

    static func period(containing instant: Date, _ period: Feedback.ThemePeriod, _ zone: TimeZone) -> Domain.TimeWindow
    {
        switch period {
        case .day: .day(containing: instant, in: zone)
        case .month: .month(containing: instant, in: zone)
        default: .isoWeek(containing: instant, in: zone)
        }
    }

    /// "2024-03-05", "2024-W10" or "2024-03".
    static func label(_ start: Date, _ period: Feedback.ThemePeriod, _ zone: TimeZone) -> String {
        let date = LocalDate(containing: start, in: zone).description
        switch period {
        case .day: return date
        case .month: return String(date.prefix(7))
        default:
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
            let week = parts.weekOfYear ?? 0
            return "\(parts.yearForWeekOfYear ?? 0)-W\(week < 10 ? "0" : "")\(week)"
        }
    }
}
