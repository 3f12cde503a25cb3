import Contract
import Domain
import Foundation

/// A report request with a `window`. Left unset, the window is the 30 days up to
/// the moment the request is answered (UTC day boundaries), as proto/analytics.proto
/// documents, so `glimlach call analytics GetNps '{}'` answers for the last month.
protocol WindowedRequest {
    var window: Domain.TimeWindow? { get set }
}

extension WindowedRequest {
    /// How far back an unset window reaches.
    static var defaultWindowDays: Int { 30 }

    /// This request, its unset window replaced by the `defaultWindowDays` up to `now`.
    func withDefaultWindow(now: Date) -> Self {
        guard window == nil else { return self }
        var request = self
        request.window = try! Domain.TimeWindow(
            from: now.addingTimeInterval(-Double(Self.defaultWindowDays) * 86_400), to: now,
            timeZone: TimeZone(identifier: "UTC")!)
        return request
    }
}

extension Analytics.GetNpsRequest: WindowedRequest {}
extension Analytics.GetTrendRequest: WindowedRequest {}
extension Analytics.GetPersonalNpsRankingRequest: WindowedRequest {}
extension Analytics.GetFirstResponseFiguresRequest: WindowedRequest {}
extension Analytics.GetFirstContactResolutionRequest: WindowedRequest {}
extension Analytics.GetEscalationsRequest: WindowedRequest {}
extension Analytics.GetGoodwillSpendRequest: WindowedRequest {}
extension Analytics.GetFollowUpFiguresRequest: WindowedRequest {}
extension Analytics.GetComplimentFiguresRequest: WindowedRequest {}
