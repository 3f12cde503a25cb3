import Contract
import Domain
import Foundation

// Each report as a CSV table: group key columns, then figures; totals last.
extension ReadModelState {
    func npsTable(_ request: Analytics.GetNpsRequest) throws -> CSVTable {
        let reply = try nps(request)
        let dims = try Grouping(request.group_by, accepted: Self.npsDimensions, window: request.window!).dimensions
        var table = CSVTable(
            name: Self.fileName("nps", dims, request.window),
            header: ["row"] + CSVField.keyHeader(dims) + [
                "promoters", "passives", "detractors", "n", "nps", "margin_of_error", "lower", "upper",
            ])
        let zone = request.window!.timeZone
        for (kind, row) in reply.rows.map({ ("group", $0) }) + [("total", reply.total!)] {
            table.rows.append(
                [kind] + CSVField.keyFields(kind == "total" ? nil : row.key, dims, zone) + [
                    CSVField.number(row.promoters), CSVField.number(row.passives), CSVField.number(row.detractors),
                    CSVField.number(row.n), CSVField.number(row.nps), CSVField.number(row.margin_of_error),
                    CSVField.number(row.lower), CSVField.number(row.upper),
                ])
        }
        return table
    }

    func trendTable(_ request: Analytics.GetTrendRequest, nowMs: Int64) throws -> CSVTable {
        let reply = try trend(request, nowMs: nowMs)
        let zone = request.window!.timeZone
        var table = CSVTable(
            name: Self.fileName("trend-\(request.metric.map { "\($0)".lowercased() } ?? "")", [], request.window),
            header: [
                "day", "day_start", "value", "n", "margin_of_error", "previous_day_value", "delta_previous_day",
                "week_before_value", "delta_week_before",
            ])
        for point in reply.points {
            table.rows.append([
                CSVField.text(point.day), CSVField.time(point.day_start_ms, zone), CSVField.number(point.value),
                CSVField.number(point.n), CSVField.number(point.margin_of_error),
                CSVField.number(point.previous_day_value), CSVField.number(point.delta_previous_day),
                CSVField.number(point.week_before_value), CSVField.number(point.delta_week_before),
            ])
        }
        return table
    }

    func rankingTable(_ request: Analytics.GetPersonalNpsRankingRequest, actor: String? = nil) throws -> CSVTable {
        let reply = try personalNpsRanking(request, actor: actor)
        var table = CSVTable(
            name: Self.fileName("personal-nps", [], request.window),
            header: [
                "rank", "employee_id", "employee_name", "team_id", "team_name", "employer_id", "employer_kind",
                "promoters", "passives", "detractors", "n", "nps", "margin_of_error", "lower", "upper",
                "compliments_received", "responses_needed",
            ])
        for entry in reply.ranked + reply.not_yet_rankable {
            table.rows.append([
                CSVField.number(entry.rank), CSVField.text(entry.employee_id), CSVField.text(entry.employee_name),
                CSVField.text(entry.team_id), CSVField.text(entry.team_name), CSVField.text(entry.employer_id),
                entry.employer_kind.map { "\($0)" } ?? "", CSVField.number(entry.promoters),
                CSVField.number(entry.passives), CSVField.number(entry.detractors), CSVField.number(entry.n),
                CSVField.number(entry.nps), CSVField.number(entry.margin_of_error), CSVField.number(entry.lower),
                CSVField.number(entry.upper), CSVField.number(entry.compliments_received),
                CSVField.number(entry.responses_needed),
            ])
        }
        return table
    }

    func engagementTable(_ request: Analytics.GetEngagementRequest, now: Date) throws -> CSVTable {
        let reply = try engagement(request, now: now)
        var table = CSVTable(
            name: "engagement-\(reply.overall?.period ?? "")",
            header: [
                "row", "team_id", "team_name", "period", "answers", "withheld", "promoters", "passives", "detractors",
                "enps",
            ])
        for (kind, row) in reply.rows.map({ ("group", $0) }) + [("total", reply.overall!)] {
            table.rows.append([
                kind, CSVField.text(row.key?.team_id), CSVField.text(row.key?.team_name), CSVField.text(row.period),
                CSVField.number(row.answers), CSVField.flag(row.withheld), CSVField.number(row.promoters),
                CSVField.number(row.passives), CSVField.number(row.detractors), CSVField.number(row.enps),
            ])
        }
        return table
    }

    /// A grouped report's table from its rows' key and figure fields.
    func groupedTable(
        _ name: String, window: TimeWindow?, groupBy: [Analytics.Dimension], accepted: [Analytics.Dimension],
        figures: [String], rows: [(Analytics.GroupKey?, [String])]
    ) throws -> CSVTable {
        let window = try ReportSupport.window(window)
        let dims = try Grouping(groupBy, accepted: accepted, window: window).dimensions
        var table = CSVTable(
            name: Self.fileName(name, dims, window), header: ["row"] + CSVField.keyHeader(dims) + figures)
        for (key, fields) in rows {
            table.rows.append(
                [key == nil ? "total" : "group"] + CSVField.keyFields(key, dims, window.timeZone) + fields)
        }
        return table
    }
}
