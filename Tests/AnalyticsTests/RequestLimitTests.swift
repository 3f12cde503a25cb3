@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing
import Wire
import ZeroMQ

@Suite("analytics request bounds", .serialized)
struct RequestLimitTests {
    let fixture = Fixture.shared
    static let year: Int64 = 365 * 86_400_000

    static func window(years: Int64) -> TimeWindow {
        let from = GeneratedEvents.start
        return try! TimeWindow(
            from: Date(unixMilliseconds: from), to: Date(unixMilliseconds: from + years * year),
            timeZone: TimeZone(identifier: "UTC")!)
    }

    @Test("a window longer than the configured maximum is refused naming the field, at any depth")
    func longWindows() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(makeAnalyticsRouter(model: fixture.model, limits: AnalyticsLimits(maxWindowDays: 1096)))
        let client = bus.client()
        let century = await rpcError {
            try await client.call(Analytics.getTrend, .init(metric: .nps, window: Self.window(years: 100)))
        }
        #expect(century?.code == .invalidArgument)
        #expect(century?.message == "window: may span at most 1096 days")
        let nested = await rpcError {
            try await client.call(
                Analytics.exportReport,
                .init(trend: .init(metric: .nps, window: Self.window(years: 1), compare_window: Self.window(years: 4))))
        }
        #expect(nested?.message == "trend.compare_window: may span at most 1096 days")
        // 0 .. Int64.max milliseconds, as raw bytes a caller can send.
        let schema = MessageSchema.named(Analytics.GetTrendRequest.messageName)!
        let endless = try WireCodec.encode(
            ["metric": .int(1), "window": .message(["from_ms": .int(0), "to_ms": .int(Int64.max)])], as: schema)
        let refused = await rpcError {
            try await client.call(service: "analytics", method: "GetTrend", payload: endless)
        }
        #expect(refused?.code == .invalidArgument && refused?.message.hasPrefix("window: ") == true)
        // Three years are still answered.
        let reply = try await client.call(Analytics.getTrend, .init(metric: .nps, window: Self.window(years: 3)))
        #expect(reply.points.count >= 3 * 365)
        await bus.shutdown()
    }

    @Test("a trend stops with DEADLINE_EXCEEDED once its call's deadline has passed")
    func trendStopsAtDeadline() throws {
        let context = CallContext(deadline: monotonicMilliseconds() + 20, requestID: "r", traceID: "r")
        let start = ContinuousClock.now
        #expect(throws: RPCError(.deadlineExceeded, "analytics stopped the query: its deadline passed")) {
            try CallContext.$current.withValue(context) {
                _ = try fixture.query {
                    try $0.trend(.init(metric: .nps, window: Self.window(years: 20)), nowMs: Fixture.now)
                }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
