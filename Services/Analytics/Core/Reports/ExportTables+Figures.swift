import Contract
import Domain
import Foundation

// Service figures as CSV tables.
extension ReadModelState {
    func firstResponseTable(_ request: Analytics.GetFirstResponseFiguresRequest, nowMs: Int64) throws -> CSVTable {
        let reply = try firstResponseFigures(request, nowMs: nowMs)
        func fields(_ row: Analytics.FirstResponseRow) -> [String] {
            [
                CSVField.number(row.tickets), CSVField.number(row.answered), CSVField.number(row.within_target),
                CSVField.number(row.overdue), CSVField.number(row.within_target_share),
                CSVField.number(row.median_response_ms), CSVField.number(row.p90_response_ms),
            ]
        }
        return try groupedTable(
            "first-response", window: request.window, groupBy: request.group_by,
            accepted: Self.firstResponseDimensions,
            figures: [
                "tickets", "answered", "within_target", "overdue", "within_target_share", "median_response_ms",
                "p90_response_ms",
            ],
            rows: reply.rows.map { ($0.key, fields($0)) } + [(nil, fields(reply.total!))])
    }

    func firstContactTable(_ request: Analytics.GetFirstContactResolutionRequest) throws -> CSVTable {
        let reply = try firstContactResolution(request)
        func fields(_ row: Analytics.FirstContactResolutionRow) -> [String] {
            [CSVField.number(row.resolved), CSVField.number(row.first_contact), CSVField.number(row.share)]
        }
        return try groupedTable(
            "first-contact-resolution", window: request.window,
            groupBy: request.group_by.isEmpty ? [.channel] : request.group_by, accepted: Self.contactDimensions,
            figures: ["resolved", "first_contact", "share"],
            rows: reply.rows.map { ($0.key, fields($0)) } + [(nil, fields(reply.total!))])
    }

    func escalationTable(_ request: Analytics.GetEscalationsRequest) throws -> CSVTable {
        let reply = try escalations(request)
        func fields(_ row: Analytics.EscalationRow) -> [String] {
            [CSVField.number(row.escalations), CSVField.number(row.resolved)]
        }
        return try groupedTable(
            "escalations", window: request.window, groupBy: request.group_by, accepted: Self.escalationDimensions,
            figures: ["escalations", "resolved"],
            rows: reply.rows.map { ($0.key, fields($0)) } + [(nil, fields(reply.total!))])
    }

    func goodwillTable(_ request: Analytics.GetGoodwillSpendRequest) throws -> CSVTable {
        let reply = try goodwillSpend(request)
        func fields(_ row: Analytics.GoodwillRow) -> [String] {
            [
                CSVField.number(row.granted), CSVField.number(row.refused), CSVField.number(row.approved_over_budget),
                CSVField.number(row.amount?.minorUnits), row.amount?.currency.code ?? "",
            ]
        }
        return try groupedTable(
            "goodwill", window: request.window, groupBy: request.group_by, accepted: Self.goodwillDimensions,
            figures: ["granted", "refused", "approved_over_budget", "amount_minor_units", "currency"],
            rows: reply.rows.map { ($0.key, fields($0)) } + reply.totals.map { (nil, fields($0)) })
    }

    func followUpTable(_ request: Analytics.GetFollowUpFiguresRequest, nowMs: Int64) throws -> CSVTable {
        let reply = try followUpFigures(request, nowMs: nowMs)
        func fields(_ row: Analytics.FollowUpRow) -> [String] {
            [
                CSVField.number(row.requested), CSVField.number(row.opened), CSVField.number(row.closed),
                CSVField.number(row.still_open), CSVField.number(row.median_time_to_close_ms),
                CSVField.number(row.p90_time_to_close_ms), CSVField.number(row.oldest_open_age_ms),
            ]
        }
        return try groupedTable(
            "follow-ups", window: request.window, groupBy: request.group_by, accepted: Self.followUpDimensions,
            figures: [
                "requested", "opened", "closed", "still_open", "median_time_to_close_ms", "p90_time_to_close_ms",
                "oldest_open_age_ms",
            ],
            rows: reply.rows.map { ($0.key, fields($0)) } + [(nil, fields(reply.total!))])
    }

    func complimentTable(_ request: Analytics.GetComplimentFiguresRequest) throws -> CSVTable {
        let reply = try complimentFigures(request)
        func fields(_ row: Analytics.ComplimentRow) -> [String] {
            [
                CSVField.number(row.customer_compliments), CSVField.number(row.with_consent),
                CSVField.number(row.peer_compliments),
            ]
        }
        return try groupedTable(
            "compliments", window: request.window, groupBy: request.group_by, accepted: Self.complimentDimensions,
            figures: ["customer_compliments", "with_consent", "peer_compliments"],
            rows: reply.rows.map { ($0.key, fields($0)) } + [(nil, fields(reply.total!))])
    }
}
