import Bus
import Contract
import Foundation
import GRDB
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// Keeps the store's writer inside one write until released, so writes started
/// meanwhile queue up behind it and share the next commit.
private final class WriterGate: Sendable {
    private let entered = Mutex(false)
    private let opened = DispatchSemaphore(value: 0)

    var isHolding: Bool { entered.withLock { $0 } }

    /// Called inside a write body: blocks the writer (at most 10 s).
    func hold() {
        entered.withLock { $0 = true }
        _ = opened.wait(timeout: .now() + 10)
    }

    func release() { opened.signal() }
}

private typealias TeamWrite = @Sendable () async throws -> Staff.CreateTeamReply

/// Runs `writes` concurrently while the writer is held inside the write of team
/// "held", so all of them are queued before the next commit starts; their outcomes
/// in the order given.
private func queuedTogether(
    _ store: SQLiteStore, _ writes: [TeamWrite]
) async throws -> [Result<Staff.CreateTeamReply, any Error>] {
    let gate = WriterGate()
    async let held: Staff.CreateTeamReply = store.write(method: "CreateTeam") { change in
        gate.hold()
        try change.db.execute(sql: "INSERT INTO team (id, name) VALUES ('held', 'Held')")
        try change.record("team.created", subject: "held", Staff.Team(team_id: "held"))
        return Staff.CreateTeamReply(team: Staff.Team(team_id: "held"))
    }
    let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Staff.CreateTeamReply, any Error>).self) { group in
        try await waitUntil("the writer is held") { gate.isHolding }
        for (index, write) in writes.enumerated() {
            group.addTask {
                do { return (index, .success(try await write())) } catch { return (index, .failure(error)) }
            }
        }
        do {
            try await waitUntil("\(writes.count) writes are queued") { store.writeStatistics.waiting == writes.count }
        } catch {
            gate.release()
            throw error
        }
        gate.release()
        var outcomes = [Result<Staff.CreateTeamReply, any Error>?](repeating: nil, count: writes.count)
        for try await (index, outcome) in group { outcomes[index] = outcome }
        return outcomes.compactMap { $0 }
    }
    _ = try await held
    return outcomes
}

@Suite("SQLite store: group commit", .timeLimit(.minutes(1)))
struct GroupCommitTests {
    @Test("writes queued behind a commit share the next one, and each gets its own reply")
    func sharedCommit() async throws {
        let published = Published()
        let store = try makeStore(at: temporaryPath(), published: published)
        let replies = try await queuedTogether(
            store,
            (1...40).map { index -> TeamWrite in { try await createTeam(store, "t\(index)", key: "k-\(index)") } })
        #expect(try replies.map { try $0.get().team?.team_id } == (1...40).map { "t\($0)" })
        // One commit for the held write, one for the forty queued behind it.
        #expect(store.writeStatistics == WriteStatistics(commits: 2, writes: 41, failed: 0, waiting: 0))
        #expect(try await teamCount(store) == 41)
        #expect(published.all.map(\.sequence) == Array(1...41))
        #expect(try await store.since(SinceRequest(after_sequence: 0)).events == published.all)
    }

    @Test("a lone write commits on its own, without waiting for company")
    func loneWrite() async throws {
        let store = try makeStore(at: temporaryPath())
        for index in 1...3 {
            _ = try await createTeam(store, "t\(index)")
            #expect(store.writeStatistics.commits == index)
        }
    }

    @Test("a write that throws in a shared commit rolls back alone; its batch-mates commit with gap-free sequences")
    func failingWriteInBatch() async throws {
        let published = Published()
        let store = try makeStore(at: temporaryPath(), published: published)
        let outcomes = try await queuedTogether(
            store,
            [
                { try await createTeam(store, "a") },
                {
                    try await store.write(method: "CreateTeam") { change -> Staff.CreateTeamReply in
                        try change.db.execute(sql: "INSERT INTO team (id, name) VALUES ('x', 'X')")
                        try change.record("team.created", subject: "x", Staff.Team(team_id: "x"))
                        throw Refusal.precondition("team x is refused")
                    }
                },
                { try await createTeam(store, "b") },
            ])
        #expect(try outcomes[0].get().team?.team_id == "a")
        #expect(throws: Refusal.precondition("team x is refused")) { try outcomes[1].get() }
        #expect(try outcomes[2].get().team?.team_id == "b")
        #expect(store.writeStatistics.commits == 2 && store.writeStatistics.failed == 1)
        let teams = try await store.read { db in try String.fetchAll(db, sql: "SELECT id FROM team ORDER BY id") }
        #expect(teams == ["a", "b", "held"])
        let events = try await store.since(SinceRequest(after_sequence: 0)).events
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(Set(events.compactMap(\.subject_id)) == ["held", "a", "b"])
        #expect(published.all == events)
    }

    @Test("a repeated idempotency key within one commit makes one change and answers both with the first reply")
    func repeatedKeyInBatch() async throws {
        let store = try makeStore(at: temporaryPath())
        let replies = try await queuedTogether(
            store, [{ try await createTeam(store, "a", key: "k") }, { try await createTeam(store, "b", key: "k") }])
        let first = try replies[0].get()
        #expect(try replies[1].get() == first)
        #expect(store.writeStatistics.commits == 2)
        #expect(try await teamCount(store) == 2)
        #expect(try await store.lastSequence() == 2)
    }

    @Test("a commit that fails fails every write of its batch: none is acknowledged, published or stored")
    func failedCommit() async throws {
        let published = Published()
        let store = try SQLiteStore(
            path: temporaryPath(), service: "staff",
            migrations: [
                Migration("team") { db in
                    try db.execute(sql: "CREATE TABLE team (id TEXT PRIMARY KEY, name TEXT)")
                    // Checked at COMMIT, so a dangling member fails the transaction, not its savepoint.
                    try db.execute(
                        sql: """
                            CREATE TABLE member (
                                id TEXT PRIMARY KEY,
                                team_id TEXT NOT NULL REFERENCES team(id) DEFERRABLE INITIALLY DEFERRED)
                            """)
                }
            ],
            publish: { events in published.events.withLock { $0 += events } })
        let outcomes = try await queuedTogether(
            store,
            [
                { try await createTeam(store, "a") },
                {
                    try await store.write(method: "AddMember") { change -> Staff.CreateTeamReply in
                        try change.db.execute(sql: "INSERT INTO member (id, team_id) VALUES ('m', 'nowhere')")
                        return Staff.CreateTeamReply()
                    }
                },
            ])
        #expect(outcomes.allSatisfy { (try? $0.get()) == nil })
        #expect(try await teamCount(store) == 1)
        #expect(published.all.map(\.subject_id) == ["held"])
        #expect(store.writeStatistics == WriteStatistics(commits: 1, writes: 1, failed: 2, waiting: 0))
        _ = try await createTeam(store, "c")
        #expect(try await store.lastSequence() == 2)
    }
}

@Suite("SQLite store: durable commits")
struct DurableCommitTests {
    @Test("the connection that commits writes syncs the write-ahead log at every commit (synchronous = FULL)")
    func writerSyncsEachCommit() async throws {
        let store = try makeStore(at: temporaryPath())
        let level: Staff.CreateTeamReply = try await store.write(method: "CreateTeam") { change in
            // 2 is FULL; NORMAL (1) would leave a committed write to the OS's cache.
            let level = try Int.fetchOne(change.db, sql: "PRAGMA synchronous") ?? -1
            return Staff.CreateTeamReply(team: Staff.Team(team_id: "\(level)"))
        }
        #expect(level.team?.team_id == "2")
    }
}
