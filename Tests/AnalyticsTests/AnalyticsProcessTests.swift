@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@Suite("analytics workers as processes", .serialized)
struct AnalyticsProcessTests {
    static let window = try! TimeWindow(
        from: Date(unixMilliseconds: GeneratedEvents.start - 3_600_000),
        to: Date(unixMilliseconds: GeneratedEvents.start + 31 * GeneratedEvents.day - 7_200_000),
        timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
    static let npsRequest = Analytics.GetNpsRequest(window: window, group_by: [.channel, .country])
    static let options = CallOptions(timeout: .seconds(8))

    /// What a worker fed `generated` must answer, computed in-process.
    static func expected(_ generated: GeneratedEvents) throws -> (
        Analytics.GetNpsReply, Analytics.GetPersonalNpsRankingReply
    ) {
        let model = AnalyticsReadModel()
        for event in generated.all { model.apply(event) }
        model.markReady()
        return try model.query { state in
            (
                try state.nps(npsRequest).withoutPosition,
                try state.personalNpsRanking(.init(window: window)).withoutPosition
            )
        }
    }

    @Test("three workers share the queries, survive a SIGKILL, and a late fourth answers the same")
    func scaleOut() async throws {
        let seeded = try await SeededStack.start(seed: 11)
        let client = seeded.client
        let (nps, ranking) = try Self.expected(seeded.generated)
        var workers = [try await seeded.startAnalytics(expecting: 1)]
        workers.append(try await seeded.startAnalytics(expecting: 2))
        workers.append(try await seeded.startAnalytics(expecting: 3))

        // Every worker answers, and answers alike.
        let seen = try await Self.workerIDs(client, calls: 30)
        #expect(seen.count == 3)
        for _ in 0..<9 {
            #expect(
                try await client.call(Analytics.getNps, Self.npsRequest, options: Self.options).withoutPosition == nps)
            #expect(
                try await client.call(
                    Analytics.getPersonalNpsRanking, .init(window: Self.window), options: Self.options
                ).withoutPosition == ranking)
        }
        let served = try await client.call(BusAPI.listServices, ListServicesRequest()).services.first {
            $0.name == "analytics"
        }
        #expect((served?.served ?? 0) >= 48)

        // One worker dies mid-run: every query still succeeds within its deadline.
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<120 {
                group.addTask {
                    if index % 2 == 0 {
                        let reply = try await client.call(Analytics.getNps, Self.npsRequest, options: Self.options)
                        #expect(reply.withoutPosition == nps)
                    } else {
                        let reply = try await client.call(
                            Analytics.getPersonalNpsRanking, .init(window: Self.window), options: Self.options)
                        #expect(reply.withoutPosition == ranking)
                    }
                }
                if index == 30 { await workers[1].kill() }
            }
            try await group.waitForAll()
        }
        #expect(clock.now - started < .seconds(8))

        // A late worker catches up, registers, and answers identically.
        let late = try await seeded.startAnalytics(expecting: 3)
        let lateID = "\(ProcessInfo.processInfo.hostName)-\(late.pid)"
        try await waitUntil("the late worker answers", timeout: .seconds(10)) {
            try await Self.workerIDs(client, calls: 6).contains(lateID)
        }
        for _ in 0..<12 {
            #expect(
                try await client.call(Analytics.getNps, Self.npsRequest, options: Self.options).withoutPosition == nps)
        }
        let status = try await client.call(Analytics.readModelStatus, .init(), options: Self.options)
        #expect(status.ready == true)
        // The real sources may add events of their own (feedback invites after
        // ticket.resolved), so the position is at least what was seeded.
        #expect(status.position!.tickets_sequence! >= UInt64(seeded.generated.events["tickets"]!.count))
        #expect(status.position!.feedback_sequence! >= UInt64(seeded.generated.events["feedback"]!.count))
        #expect(status.position!.staff_sequence! >= UInt64(seeded.generated.events["staff"]!.count))
        await seeded.stack.shutdown()
    }

    @Test("events committed while workers run reach every worker's answers")
    func liveEvents() async throws {
        let seeded = try await SeededStack.start(seed: 12, tickets: 100)
        let client = seeded.client
        try await seeded.startAnalytics(expecting: 1)
        try await seeded.startAnalytics(expecting: 2)
        let health = try await client.call(Analytics.health, HealthRequest(), options: Self.options)
        #expect(health.service == "analytics" && health.status == .serving)
        let before = try await client.call(Analytics.getNps, Self.npsRequest, options: Self.options)
        var more = GeneratedEvents(seed: 99, tickets: 0)
        more.payloads["feedback"] = []
        var random = SeededRandom(seed: 5)
        for number in 0..<10 {
            more.submit(
                .init(
                    at: GeneratedEvents.start + 2 * GeneratedEvents.day, score: 10, agent: "emp-03", team: "team-4",
                    employer: "in-house", channel: .chat, country: "BE", category: "toys"),
                id: "live-\(number)", ticketID: nil, &random)
        }
        try await seeded.append(more.payloads["feedback"]!, to: "feedback")
        try await waitUntil("both workers count the new answers", timeout: .seconds(10)) {
            let replies = try await (0..<4).asyncMap { _ in
                try await client.call(Analytics.getNps, Self.npsRequest, options: Self.options)
            }
            return replies.allSatisfy { $0.total!.n! == before.total!.n! + 10 }
        }
        await seeded.stack.shutdown()
    }

    /// The worker ids that answered `calls` concurrent status calls.
    static func workerIDs(_ client: BusClient, calls: Int) async throws -> Set<String> {
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<calls {
                group.addTask {
                    try await client.call(Analytics.readModelStatus, .init(), options: options).worker_id ?? ""
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
    }
}

extension Analytics.GetNpsReply {
    /// The reply without `as_of`: live sources may add unrelated events between calls.
    var withoutPosition: Self {
        var copy = self
        copy.as_of = nil
        return copy
    }
}

extension Analytics.GetPersonalNpsRankingReply {
    var withoutPosition: Self {
        var copy = self
        copy.as_of = nil
        return copy
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
