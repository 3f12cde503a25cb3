import Bus
import Contract
import Domain
import Foundation

/// The NPS and service report the demo ends with, from the analytics workers.
struct DemoReport {
    let client: BusClient
    let window: TimeWindow
    /// Days of imported history before `window`.
    var historyDays = 0

    /// The history and the live days together.
    var wholeWindow: TimeWindow {
        let zone = window.timeZone
        let start = LocalDate(containing: window.from, in: zone).adding(days: -historyDays).start(in: zone)
        return (try? TimeWindow(from: start, to: window.to, timeZone: zone)) ?? window
    }

    /// Waits until an analytics worker has read every event the services committed.
    func waitForAnalytics(timeout: Duration = .seconds(60)) async throws {
        var wanted: [String: UInt64] = [:]
        for service in ["tickets", "feedback", "staff"] {
            wanted[service] = try await client.call(Method.health(service), HealthRequest()).last_sequence ?? 0
        }
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            let status = try? await client.call(Analytics.readModelStatus, Analytics.ReadModelStatusRequest())
            if let position = status?.position, status?.ready == true,
                position.tickets_sequence ?? 0 >= wanted["tickets"]!,
                position.feedback_sequence ?? 0 >= wanted["feedback"]!,
                position.staff_sequence ?? 0 >= wanted["staff"]!
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw DemoError("analytics did not catch up with the services within \(timeout)")
    }

    func render() async throws -> String {
        var sections: [String] = []
        let nps = try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: window))
        sections.append(
            "NPS, last \(days) days: " + (nps.total.map { Self.score($0) + " (n=\($0.n ?? 0))" } ?? "no answers yet"))
        for (title, dimension) in [
            ("By channel", Analytics.Dimension.channel), ("By country", .country), ("By employer", .employerKind),
        ] {
            let rows = try await client.call(
                Analytics.getNps, Analytics.GetNpsRequest(window: window, group_by: [dimension])
            ).rows
            sections.append(
                title + "\n"
                    + table([["", "n", "NPS"]] + rows.map { [Self.label($0.key), "\($0.n ?? 0)", Self.score($0)] }))
        }
        let ranking = try await client.call(
            Analytics.getPersonalNpsRanking, Analytics.GetPersonalNpsRankingRequest(window: window))
        sections.append(
            "Personal NPS (ranked by the lower bound; at least \(ranking.min_responses ?? 5) answers)\n"
                + table(
                    [["#", "employee", "n", "NPS", "compliments"]]
                        + ranking.ranked.prefix(8).map {
                            [
                                "\($0.rank ?? 0)", $0.employee_name ?? $0.employee_id ?? "?", "\($0.n ?? 0)",
                                Self.interval($0.nps, $0.lower, $0.upper), "\($0.compliments_received ?? 0)",
                            ]
                        })
                + "\nnot yet rankable: \(ranking.not_yet_rankable.count)")
        let response = try await client.call(
            Analytics.getFirstResponseFigures,
            Analytics.GetFirstResponseFiguresRequest(window: window, group_by: [.channel]))
        sections.append(
            "First response within target\n"
                + table(
                    [["channel", "tickets", "within target", "median"]]
                        + response.rows.map {
                            [
                                Self.label($0.key), "\($0.tickets ?? 0)", Self.percent($0.within_target_share),
                                Self.duration($0.median_response_ms),
                            ]
                        }))
        let goodwill = try await client.call(
            Analytics.getGoodwillSpend, Analytics.GetGoodwillSpendRequest(window: window))
        sections.append(
            "Goodwill: "
                + goodwill.totals.map {
                    "\($0.granted ?? 0) granted (\($0.amount.map { "\($0)" } ?? "-")), \($0.refused ?? 0) refused"
                }
                .joined(separator: "; "))
        sections.append(try await dailyTrend())
        let whole = wholeWindow
        let fcr = try await client.call(
            Analytics.getFirstContactResolution,
            Analytics.GetFirstContactResolutionRequest(window: whole, group_by: [.channel]))
        sections.append(
            "First-contact resolution by channel, last \(historyDays + days) days\n"
                + table(
                    [["channel", "resolved", "first contact"]]
                        + fcr.rows.map { [Self.label($0.key), "\($0.resolved ?? 0)", Self.percent($0.share)] }))
        let followUps = try await client.call(
            Analytics.getFollowUpFigures, Analytics.GetFollowUpFiguresRequest(window: whole)
        ).total
        sections.append(
            "Detractor follow-ups for Special Care, last \(historyDays + days) days: \(followUps?.requested ?? 0) requested, "
                + "\(followUps?.closed ?? 0) closed (median \(Self.duration(followUps?.median_time_to_close_ms))), "
                + "\(followUps?.still_open ?? 0) open (oldest \(Self.duration(followUps?.oldest_open_age_ms)))")
        return sections.joined(separator: "\n\n")
    }

    /// "Every day a little better": the last week's daily NPS against the day and the
    /// week before, and the whole period against the one before it.
    private func dailyTrend() async throws -> String {
        let trend = try await client.call(
            Analytics.getTrend, Analytics.GetTrendRequest(metric: .nps, window: wholeWindow))
        func signed(_ value: Double?) -> String { value.map { String(format: "%+.0f", $0) } ?? "-" }
        let rows = trend.points.suffix(7).map { point in
            [
                point.day ?? "?", signed(point.value), "\(point.n ?? 0)", signed(point.delta_previous_day),
                signed(point.delta_week_before),
            ]
        }
        return "Every day a little better: daily NPS\n"
            + table([["day", "NPS", "n", "vs day before", "vs week before"]] + rows)
            + "\nlast \(historyDays + days) days: \(signed(trend.current?.value)) against \(signed(trend.previous?.value)) the period before"
    }

    private var days: Int { Int((window.to.timeIntervalSince(window.from) / 86400).rounded()) }

    static func score(_ row: Analytics.NpsRow) -> String { interval(row.nps, row.lower, row.upper) }

    static func interval(_ nps: Double?, _ lower: Double?, _ upper: Double?) -> String {
        guard let nps, let lower, let upper else { return "-" }
        return String(format: "%+.0f [%+.0f, %+.0f]", nps, lower, upper)
    }

    static func percent(_ share: Double?) -> String { share.map { String(format: "%.0f%%", $0 * 100) } ?? "-" }

    static func duration(_ ms: Int64?) -> String {
        guard let ms else { return "-" }
        return ms < 60_000
            ? "\(ms / 1000)s" : ms < 3_600_000 ? "\(ms / 60_000)m" : String(format: "%.1fh", Double(ms) / 3_600_000)
    }

    static func label(_ key: Analytics.GroupKey?) -> String {
        guard let key else { return "?" }
        if let channel = key.channel { return channel.displayName }
        if let kind = key.employer_kind {
            // Special Care owns escalated tickets as a team: no one person's employer.
            return [.inHouse: "in-house", .partner: "partner agency"][kind] ?? "Special Care (team)"
        }
        return key.country ?? key.employer_id ?? key.team_name ?? key.employee_name ?? "?"
    }
}
