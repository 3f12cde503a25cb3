import Bus
import Contract

/// Every method of proto/analytics.proto (the generated `Analytics.Handler`), answered
/// from `model`: a report runs on a consistent state once its request is within
/// `limits` and its deadline. Leaving one method out fails the build.
struct AnalyticsHandlers: Analytics.Handler {
    let model: AnalyticsReadModel
    let workerID: String
    let limits: AnalyticsLimits

    func getNps(_ request: Analytics.GetNpsRequest, _ context: CallContext) async throws -> Analytics.GetNpsReply {
        try report(request) { state, request, _ in try state.nps(request) }
    }

    func getTrend(_ request: Analytics.GetTrendRequest, _ context: CallContext) async throws
        -> Analytics.GetTrendReply
    {
        try report(request) { state, request, now in try state.trend(request, nowMs: now) }
    }

    func getPersonalNpsRanking(_ request: Analytics.GetPersonalNpsRankingRequest, _ context: CallContext) async throws
        -> Analytics.GetPersonalNpsRankingReply
    {
        // Personal figures follow the acting employee's rights (`PersonalNpsRights`).
        try report(request) { state, request, _ in try state.personalNpsRanking(request, actor: context.actor) }
    }

    func getFirstResponseFigures(_ request: Analytics.GetFirstResponseFiguresRequest, _ context: CallContext)
        async throws -> Analytics.GetFirstResponseFiguresReply
    {
        try report(request) { state, request, now in try state.firstResponseFigures(request, nowMs: now) }
    }

    func getFirstContactResolution(_ request: Analytics.GetFirstContactResolutionRequest, _ context: CallContext)
        async throws -> Analytics.GetFirstContactResolutionReply
    {
        try report(request) { state, request, _ in try state.firstContactResolution(request) }
    }

    func getEscalations(_ request: Analytics.GetEscalationsRequest, _ context: CallContext) async throws
        -> Analytics.GetEscalationsReply
    {
        try report(request) { state, request, _ in try state.escalations(request) }
    }

    func getGoodwillSpend(_ request: Analytics.GetGoodwillSpendRequest, _ context: CallContext) async throws
        -> Analytics.GetGoodwillSpendReply
    {
        try report(request) { state, request, _ in try state.goodwillSpend(request) }
    }

    func getFollowUpFigures(_ request: Analytics.GetFollowUpFiguresRequest, _ context: CallContext) async throws
        -> Analytics.GetFollowUpFiguresReply
    {
        try report(request) { state, request, now in try state.followUpFigures(request, nowMs: now) }
    }

    func getComplimentFigures(_ request: Analytics.GetComplimentFiguresRequest, _ context: CallContext) async throws
        -> Analytics.GetComplimentFiguresReply
    {
        try report(request) { state, request, _ in try state.complimentFigures(request) }
    }

    func getEngagement(_ request: Analytics.GetEngagementRequest, _ context: CallContext) async throws
        -> Analytics.GetEngagementReply
    {
        let now = model.clock()
        return try query(request) { try $0.engagement(request, now: now) }
    }

    func exportReport(_ request: Analytics.ExportReportRequest, _ context: CallContext) async throws
        -> Analytics.ExportReportReply
    {
        let now = model.clock()
        return try query(request) { try $0.export(request, now: now, actor: context.actor) }
    }

    func readModelStatus(_ request: Analytics.ReadModelStatusRequest, _ context: CallContext) async throws
        -> Analytics.ReadModelStatusReply
    {
        model.status(workerID: workerID)
    }
}
