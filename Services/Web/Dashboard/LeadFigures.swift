import Contract
import Domain
import Foundation

/// What a team lead reads beside NPS: first-contact resolution and escalations in
/// the window, the month's engagement pulse (eNPS), NPS today and over the last
/// 7 days with the day and the week before to compare, and the teams to filter by.
/// Each narrowed to the dashboard's team when one is chosen.
struct LeadFigures: Sendable {
    var resolution: Section<Analytics.GetFirstContactResolutionReply>
    var escalations: Section<Analytics.GetEscalationsReply>
    var engagement: Section<Analytics.GetEngagementReply>
    var today: Section<Analytics.GetNpsReply>
    var yesterday: Section<Analytics.GetNpsReply>
    var thisWeek: Section<Analytics.GetNpsReply>
    var lastWeek: Section<Analytics.GetNpsReply>
    var teams: Section<Staff.ListTeamsReply>
}

extension DashboardFetcher {
    func fetchLead(_ query: DashboardQuery, window: Domain.TimeWindow) async -> LeadFigures {
        let filter = query.filter
        let zone = window.timeZone
        // The window ends at the start of tomorrow: the last day shown is today.
        let today = LocalDate(containing: window.to.addingTimeInterval(-1), in: zone)
        func days(_ first: Int, _ last: Int) -> Domain.TimeWindow? {
            try? Domain.TimeWindow(
                from: today.adding(days: first).start(in: zone), to: today.adding(days: last + 1).start(in: zone),
                timeZone: zone)
        }
        func nps(_ window: Domain.TimeWindow?) async -> Section<Analytics.GetNpsReply> {
            await call(Analytics.getNps, .init(window: window, filter: filter))
        }
        async let resolution = call(Analytics.getFirstContactResolution, .init(window: window, filter: filter))
        async let escalations = call(Analytics.getEscalations, .init(window: window, filter: filter))
        async let engagement = call(Analytics.getEngagement, .init(team_ids: query.team.map { [$0] } ?? []))
        async let todayNps = nps(days(0, 0))
        async let yesterdayNps = nps(days(-1, -1))
        async let thisWeek = nps(days(-6, 0))
        async let lastWeek = nps(days(-13, -7))
        async let teams = call(Staff.listTeams, .init(page_size: 200))
        return LeadFigures(
            resolution: await resolution, escalations: await escalations, engagement: await engagement,
            today: await todayNps, yesterday: await yesterdayNps, thisWeek: await thisWeek, lastWeek: await lastWeek,
            teams: await teams)
    }
}
