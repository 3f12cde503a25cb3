import Bus
import Contract

extension AnalyticsHandlers {
    /// A report over a window, answered the same way by every report method: an
    /// unset window is the last 30 days up to the model's clock, which is also the
    /// `now` (Unix ms) open items are judged at.
    /// - Throws: what `query` throws, and the report's own `RPCError`s.
    func report<Request: WindowedRequest & Encodable, Reply>(
        _ request: Request, _ body: (borrowing ReadModelState, Request, Int64) throws -> Reply
    ) throws -> Reply {
        let now = model.clock()
        let windowed = request.withDefaultWindow(now: now)
        return try query(request) { try body($0, windowed, now.unixMs) }
    }

    /// Runs `body` on a consistent state once `request` is within `limits` and the
    /// call's deadline has not passed.
    /// - Throws: `RPCError` INVALID_ARGUMENT (a window too long, its field named),
    ///   DEADLINE_EXCEEDED, or UNAVAILABLE while the read model catches up.
    func query<Reply>(_ request: some Encodable, _ body: (borrowing ReadModelState) throws -> Reply) throws -> Reply {
        try limits.check(request)
        try AnalyticsLimits.checkDeadline()
        return try model.query(body)
    }
}
