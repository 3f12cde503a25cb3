import Bus
import Contract
import Domain
import Foundation

extension ReadModelState {
    /// Any report as CSV, a page at a time; the page token is the offset of the next
    /// row, so any worker serves any page. Personal figures follow `actor`'s rights
    /// (`PersonalNpsRights`; everyone's without one).
    func export(_ request: Analytics.ExportReportRequest, now: Date, actor: String? = nil) throws
        -> Analytics.ExportReportReply
    {
        let table = try exportTable(request, now: now, actor: actor)
        let size = Int(request.page_size ?? 0) == 0 ? 1000 : min(Int(request.page_size!), 10_000)
        var offset = 0
        if let token = request.page_token, !token.isEmpty {
            guard token.hasPrefix("row:"), let value = Int(token.dropFirst(4)), value >= 0 else {
                throw RPCError.invalidArgument(field: "page_token", "'\(token)' is not a token this service gave out")
            }
            offset = value
        }
        let end = min(table.rows.count, offset + size)
        let page = offset < end ? Array(table.rows[offset..<end]) : []
        return Analytics.ExportReportReply(
            header: CSV.line(table.header), rows: page.map(CSV.line),
            next_page_token: end < table.rows.count ? "row:\(end)" : nil, file_name: table.name + ".csv",
            as_of: position)
    }

    private func exportTable(_ request: Analytics.ExportReportRequest, now: Date, actor: String?) throws -> CSVTable {
        let chosen: [Any?] = [
            request.nps, request.trend, request.personal_nps_ranking, request.first_response,
            request.first_contact_resolution, request.escalations, request.goodwill_spend, request.follow_ups,
            request.compliments, request.engagement,
        ]
        guard chosen.compactMap({ $0 }).count == 1 else {
            throw RPCError.invalidArgument(field: "nps", "exactly one report request must be set")
        }
        if let nps = request.nps { return try npsTable(nps) }
        if let trend = request.trend { return try trendTable(trend, nowMs: now.unixMs) }
        if let ranking = request.personal_nps_ranking { return try rankingTable(ranking, actor: actor) }
        if let figures = request.first_response { return try firstResponseTable(figures, nowMs: now.unixMs) }
        if let figures = request.first_contact_resolution { return try firstContactTable(figures) }
        if let figures = request.escalations { return try escalationTable(figures) }
        if let figures = request.goodwill_spend { return try goodwillTable(figures) }
        if let figures = request.follow_ups { return try followUpTable(figures, nowMs: now.unixMs) }
        if let figures = request.compliments { return try complimentTable(figures) }
        return try engagementTable(request.engagement!, now: now)
    }

    /// "<report>-<dimensions>-<first day of the window>".
    static func fileName(_ report: String, _ dimensions: [Analytics.Dimension], _ window: TimeWindow?) -> String {
        let dims = dimensions.map { "\($0)".lowercased() }
        let day = window.map { [LocalDate(containing: $0.from, in: $0.timeZone).description] } ?? []
        return ([report] + dims + day).joined(separator: "-")
    }
}
