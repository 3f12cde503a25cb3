@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

// Workers restarting from snapshots: in the serialized suite of worker processes, so
// no more stacks run at once than before.
extension AnalyticsProcessTests {
    static func snapshotPath(_ seeded: SeededStack) -> String {
        SnapshotFile(directory: seeded.stack.dataDirectory.path).path
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    static func waitForWorkers(_ seeded: SeededStack, _ count: UInt32) async throws {
        try await waitUntil("\(count) analytics workers", timeout: .seconds(15)) {
            try await seeded.client.call(BusAPI.listServices, ListServicesRequest()).services
                .first { $0.name == "analytics" }?.workers ?? 0 == count
        }
    }

    @Test("a worker stopped and started again resumes from its snapshot and counts later answers once")
    func restart() async throws {
        let seeded = try await SeededStack.start(seed: 13, tickets: 100)
        let (nps, _) = try Self.expected(seeded.generated)
        let worker = try await seeded.startAnalytics(expecting: 1)
        let path = Self.snapshotPath(seeded)
        try await waitUntil("the first snapshot", timeout: .seconds(10)) { Self.modified(path) != nil }
        let first = try #require(Self.modified(path))

        // New answers while no worker runs: the restarted worker reads them from feedback.
        var more = GeneratedEvents(seed: 98, tickets: 0)
        more.payloads["feedback"] = []
        var random = SeededRandom(seed: 6)
        for number in 0..<7 {
            more.submit(
                .init(
                    at: GeneratedEvents.start + 3 * GeneratedEvents.day, score: 2, agent: "emp-05", team: "team-1",
                    employer: "in-house", channel: .email, country: "NL", category: "toys"),
                id: "later-\(number)", ticketID: nil, &random)
        }
        try await seeded.append(more.payloads["feedback"]!, to: "feedback")
        try await waitUntil("the running worker counts them", timeout: .seconds(10)) {
            try await seeded.client.call(Analytics.getNps, Self.npsRequest, options: Self.options).total!.n!
                == nps.total!.n! + 7
        }
        await worker.terminate()
        // A clean shutdown writes the state with the new answers.
        #expect(try #require(Self.modified(path)) > first)
        try await Self.waitForWorkers(seeded, 0)

        try await seeded.startAnalytics(expecting: 1)
        let reply = try await seeded.client.call(Analytics.getNps, Self.npsRequest, options: Self.options)
        #expect(reply.total!.n! == nps.total!.n! + 7)
        #expect(reply.total!.detractors! == nps.total!.detractors! + 7)
        await seeded.stack.shutdown()
    }

    @Test("a snapshot of another history (a stack with other events) is ignored: the worker rebuilds")
    func otherHistory() async throws {
        let source = try await SeededStack.start(seed: 14, tickets: 150)
        try await source.startAnalytics(expecting: 1)
        let sourcePath = Self.snapshotPath(source)
        try await waitUntil("the first snapshot", timeout: .seconds(10)) { Self.modified(sourcePath) != nil }

        let seeded = try await SeededStack.start(seed: 15, tickets: 60)
        let (nps, ranking) = try Self.expected(seeded.generated)
        try FileManager.default.copyItem(atPath: sourcePath, toPath: Self.snapshotPath(seeded))
        await source.stack.shutdown()
        try await seeded.startAnalytics(expecting: 1)
        let reply = try await seeded.client.call(Analytics.getNps, Self.npsRequest, options: Self.options)
        #expect(reply.withoutPosition == nps)
        let rankingReply = try await seeded.client.call(
            Analytics.getPersonalNpsRanking, .init(window: Self.window), options: Self.options)
        #expect(rankingReply.withoutPosition == ranking)
        await seeded.stack.shutdown()
    }
}
