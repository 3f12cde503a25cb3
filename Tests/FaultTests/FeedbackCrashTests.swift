import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing
import ZeroMQ

@Suite("faults: feedback killed mid-stream", .serialized, .timeLimit(.minutes(3)))
struct FeedbackCrashTests {
    @Test(
        "feedback killed with SIGKILL after 1,000 acknowledged responses: after a restart all are there and analytics counts each once"
    )
    func killedAfterAcknowledging() async throws {
        let stack = try await ProcessStack()
        for service in ["staff", "tickets"] { try await stack.start(service) }
        let feedback = try await stack.start("feedback")
        try await stack.start("analytics")
        let client = stack.client

        let acknowledged = SendableBox<Set<String>>([])
        let killed = SendableBox(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    for number in stride(from: lane, to: 1_400, by: 16) where !killed.withLock({ $0 }) {
                        guard
                            let id = try? await client.call(
                                Feedback.submitResponse, Self.response(number),
                                options: .init(timeout: .seconds(2), idempotencyKey: "crash-\(number)")
                            ).response?.response_id
                        else { continue }
                        acknowledged.withLock { _ = $0.insert(id) }
                    }
                }
            }
            try await waitUntil("1,000 responses are acknowledged", timeout: .seconds(60)) {
                acknowledged.withLock { $0.count } >= 1_000
            }
            await feedback.kill()
            killed.withLock { $0 = true }
            try await group.waitForAll()
        }
        let confirmed = acknowledged.withLock { $0 }
        #expect(confirmed.count >= 1_000)

        try await stack.start("feedback")
        var stored = Set<String>()
        var token: String?
        repeat {
            let page = try await client.call(
                Feedback.listResponses, Feedback.ListResponsesRequest(page_size: 500, page_token: token))
            stored.formUnion(page.responses.compactMap(\.response_id))
            token = page.next_page_token
        } while token != nil
        #expect(
            confirmed.isSubset(of: stored), "\(confirmed.subtracting(stored).count) acknowledged responses are missing")

        let count = stored.count
        try await waitUntil("analytics counts every stored response exactly once", timeout: .seconds(30)) {
            let nps = try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: Self.today))
            return nps.total?.n == UInt64(count)
        }
        await stack.shutdown()
    }

    static var today: TimeWindow { .day(containing: Date(), in: TimeZone(identifier: "Europe/Amsterdam")!) }

    /// A web response without a ticket: promoters only, so no follow-ups are opened.
    static func response(_ number: Int) -> Feedback.SubmitResponseRequest {
        Feedback.SubmitResponseRequest(
            score: Int32(9 + number % 2), comment: "Response \(number)",
            attribution: Feedback.Attribution(
                channel: .webForm, country: number % 3 == 0 ? "BE" : "NL", product_category: "photo-books",
                touchpoint: "delivery"),
            customer_id: "customer-\(number)", source: .web)
    }
}
