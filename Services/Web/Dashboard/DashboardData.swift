import Bus
import Contract
import Domain
import Foundation

/// One dashboard section's answer, or why it is missing: each section fails alone,
/// the rest of the page still shows.
enum Section<Value: Sendable>: Sendable {
    case ready(Value)
    /// The service answered with an error (analytics still catching up, say).
    case unavailable(String)
    /// The named service did not answer within the card's budget (down or unreachable).
    case down(service: String)
}

/// Everything the dashboard shows, fetched over the bus in parallel.
struct DashboardData: Sendable {
    var total: Section<Analytics.GetNpsReply>
    var trend: Section<Analytics.GetTrendReply>
    var breakdowns: [(title: String, slug: String, reply: Section<Analytics.GetNpsReply>)]
    var firstResponse: Section<Analytics.GetFirstResponseFiguresReply>
    var ranking: Section<Analytics.GetPersonalNpsRankingReply>
    var followUps: Section<Feedback.ListFollowUpsReply>
    /// Follow-ups tickets refused for good or that failed every attempt: a lead acts.
    var failedFollowUps: Section<Feedback.ListFollowUpsReply>
    /// Themes among the window's detractors, per month (summed by `DetractorThemes`).
    var themes: Section<Feedback.GetThemeCountsReply>
    var goodwill: Section<Analytics.GetGoodwillSpendReply>
    var wall: Section<Feedback.ListComplimentWallReply>
    var stories: Section<Feedback.ListStoriesReply>
    var lead: LeadFigures
    /// Comment, customer, owner and ticket of the first open follow-ups, by response id.
    var followUpDetails: [String: FollowUpDetail] = [:]
}

/// Fetches the dashboard's data through `client`, every card at once: each call has
/// `timeout` (a second by default, `WebSettings.cardTimeout`), so a service that is
/// down costs the page that second, not a wait per card.
struct DashboardFetcher: Sendable {
    let client: any RPCClient
    let timeout: Duration

    func fetch(_ query: DashboardQuery, window: Domain.TimeWindow) async -> DashboardData {
        let filter = query.filter
        async let total = call(Analytics.getNps, .init(window: window, filter: filter))
        async let trend = call(Analytics.getTrend, .init(metric: .nps, window: window, filter: filter))
        async let firstResponse = call(
            Analytics.getFirstResponseFigures, .init(window: window, group_by: [.channel], filter: filter))
        async let ranking = call(
            Analytics.getPersonalNpsRanking, .init(window: window, min_responses: query.minResponses, filter: filter))
        async let lead = fetchLead(query, window: window)
        async let followUps = call(Feedback.listFollowUps, .init(statuses: [.pending, .open], page_size: 50))
        async let failedFollowUps = call(Feedback.listFollowUps, .init(statuses: [.failed], page_size: 50))
        async let themes = call(Feedback.getThemeCounts, .init(window: window, period: .month))
        async let goodwill = call(Analytics.getGoodwillSpend, .init(window: window, group_by: [.gestureKind]))
        async let wall = call(Feedback.listComplimentWall, .init(page_size: 12))
        async let stories = call(Feedback.listStories, .init(page_size: 6))
        let breakdowns = await withTaskGroup(of: (Int, Section<Analytics.GetNpsReply>).self) { group in
            for (index, dimension) in query.dimensions.enumerated() {
                group.addTask {
                    (
                        index,
                        await call(
                            Analytics.getNps, .init(window: window, group_by: [dimension.dimension], filter: filter))
                    )
                }
            }
            var replies: [Int: Section<Analytics.GetNpsReply>] = [:]
            for await (index, reply) in group { replies[index] = reply }
            return query.dimensions.enumerated().map { index, dimension in
                (title: dimension.title, slug: dimension.slug, reply: replies[index] ?? .down(service: "analytics"))
            }
        }
        let openFollowUps = await followUps
        var details: [String: FollowUpDetail] = [:]
        if case .ready(let reply) = openFollowUps {
            details = await FollowUpDetails.fetch(reply.follow_ups, with: self)
        }
        return DashboardData(
            total: await total, trend: await trend, breakdowns: breakdowns, firstResponse: await firstResponse,
            ranking: await ranking, followUps: openFollowUps, failedFollowUps: await failedFollowUps,
            themes: await themes, goodwill: await goodwill, wall: await wall,
            stories: await stories, lead: await lead, followUpDetails: details)
    }

    func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request) async -> Section<Reply> {
        do {
            return .ready(try await client.call(method, request, options: .init(timeout: timeout)))
        } catch let error as RPCError where [.deadlineExceeded, .unavailable].contains(error.code) {
            return .down(service: method.service)
        } catch let error as RPCError {
            return .unavailable("\(method.service) answered \(error.code): \(error.message)")
        } catch {
            return .unavailable("\(method.service): \(error)")
        }
    }
}
