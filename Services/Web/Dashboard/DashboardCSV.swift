import Bus
import Contract
import Domain
import Foundation

/// Every dashboard chart as CSV: analytics' figures through `ExportReport` (the
/// same query the chart made), feedback's lists rendered here (RFC 4180).
struct DashboardCSV: Sendable {
    let client: any RPCClient
    let timeout: Duration
    let now: Date

    struct File: Sendable {
        let name: String
        let text: String
    }

    /// The CSV of `chart`, or nil for an unknown chart.
    /// - Throws: `RPCError` when the service does not answer.
    func file(_ chart: String, query: DashboardQuery, window: Domain.TimeWindow) async throws -> File? {
        let filter = query.filter
        switch chart {
        case "nps": return try await export(.init(nps: .init(window: window, filter: filter)), fallback: "nps")
        case "trend":
            return try await export(
                .init(trend: .init(metric: .nps, window: window, filter: filter)), fallback: "nps-trend")
        case "first-response":
            return try await export(
                .init(first_response: .init(window: window, group_by: [.channel], filter: filter)), fallback: chart)
        case "ranking":
            return try await export(
                .init(
                    personal_nps_ranking: .init(window: window, min_responses: query.minResponses, filter: filter)),
                fallback: chart)
        case "goodwill":
            return try await export(
                .init(goodwill_spend: .init(window: window, group_by: [.gestureKind])), fallback: chart)
        case "follow-ups": return try await followUps()
        case "compliments": return try await compliments()
        case "stories": return try await stories()
        default:
            guard chart.hasPrefix("nps-"), let group = DashboardQuery.groups.first(where: { "nps-" + $0.slug == chart })
            else { return nil }
            return try await export(
                .init(nps: .init(window: window, group_by: [group.dimension], filter: filter)), fallback: chart)
        }
    }

    /// All pages of an analytics export (at most 100 pages of 1000 rows).
    private func export(_ request: Analytics.ExportReportRequest, fallback: String) async throws -> File {
        var request = request
        var lines: [String] = []
        var name = fallback + ".csv"
        for _ in 0..<100 {
            let page = try await client.call(Analytics.exportReport, request, options: .init(timeout: timeout))
            if lines.isEmpty { lines.append(page.header ?? "") }
            lines += page.rows
            if let fileName = page.file_name, !fileName.isEmpty { name = fileName }
            guard let next = page.next_page_token, !next.isEmpty else { break }
            request.page_token = next
        }
        return File(name: Self.safeName(name), text: lines.joined(separator: "\r\n") + "\r\n")
    }

    private func followUps() async throws -> File {
        let reply = try await client.call(
            Feedback.listFollowUps, .init(statuses: [.pending, .open, .failed], page_size: 500),
            options: .init(timeout: timeout))
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let rows = reply.follow_ups.map { f -> [String] in
            let reason: String = f.status == .failed ? (f.last_error ?? "") : ""
            let row: [String] = [
                f.response_id ?? "", f.score.map(String.init) ?? "", f.status.map { "\($0)" } ?? "",
                f.attribution?.channel?.slug ?? "",
                f.attribution?.team_id ?? "", f.requested_at_ms.map(String.init) ?? "",
                String((nowMs - (f.requested_at_ms ?? nowMs)) / 1000),
            ]
            return row + [reason]
        }
        return File(
            name: "follow-ups-open.csv",
            text: CSV.document(
                ["response_id", "score", "status", "channel", "team_id", "requested_at_ms", "age_s", "failure_reason"],
                rows))
    }

    private func compliments() async throws -> File {
        let reply = try await client.call(
            Feedback.listComplimentWall, .init(page_size: 500), options: .init(timeout: timeout))
        let rows = reply.compliments.map { c in
            [
                c.compliment_id ?? "", c.text ?? "", c.customer_display_name ?? "", c.employee_id ?? "",
                c.team_id ?? "",
                c.value_ids.joined(separator: " "), c.received_at_ms.map(String.init) ?? "",
            ]
        }
        return File(
            name: "compliments-wall.csv",
            text: CSV.document(
                ["compliment_id", "text", "customer", "employee_id", "team_id", "values", "received_at_ms"], rows))
    }

    private func stories() async throws -> File {
        let reply = try await client.call(Feedback.listStories, .init(page_size: 500), options: .init(timeout: timeout))
        let rows = reply.stories.map { s in
            [
                s.story_id ?? "", s.title ?? "", s.body ?? "", s.employee_ids.joined(separator: " "),
                s.created_at_ms.map(String.init) ?? "",
            ]
        }
        return File(
            name: "wow-stories.csv",
            text: CSV.document(["story_id", "title", "body", "employee_ids", "created_at_ms"], rows))
    }

    /// A file name safe in a Content-Disposition header.
    static func safeName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
    }
}
