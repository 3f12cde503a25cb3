import Bus
import Contract
import Foundation
import GRDB
import ServiceKit
import Synchronization
import Testing

/// Collects what a store publishes.
final class Published: Sendable {
    let events = Mutex<[Event]>([])
    var all: [Event] { events.withLock { $0 } }
}

/// A store with one table of teams, as a service would have.
func makeStore(at path: String, published: Published? = nil) throws -> SQLiteStore {
    try SQLiteStore(
        path: path, service: "staff",
        migrations: [
            Migration("team") { db in try db.execute(sql: "CREATE TABLE team (id TEXT PRIMARY KEY, name TEXT)") }
        ],
        publish: { events in published?.events.withLock { $0 += events } })
}

func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-store-\(UUID().uuidString)/staff.sqlite")
        .path
}

/// Creates a team and records `team.created`, as a service handler would.
func createTeam(_ store: SQLiteStore, _ id: String, key: String? = nil) async throws -> Staff.CreateTeamReply {
    try await store.write(idempotencyKey: key, method: "CreateTeam") { change in
        try change.db.execute(sql: "INSERT INTO team (id, name) VALUES (?, ?)", arguments: [id, "Team \(id)"])
        try change.record("team.created", subject: id, Staff.Team(team_id: id, name: "Team \(id)"))
        return Staff.CreateTeamReply(team: Staff.Team(team_id: id, name: "Team \(id)"))
    }
}

func teamCount(_ store: SQLiteStore) async throws -> Int {
    try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM team") ?? 0 }
}

@Suite("SQLite store with outbox")
struct SQLiteStoreTests {
    @Test("each write's events get the next sequence numbers and are published after commit, in order")
    func sequencesAndPublication() async throws {
        let published = Published()
        let store = try makeStore(at: temporaryPath(), published: published)
        // Concurrent writers: the outbox still numbers 1...n and publishes in that order.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...40 { group.addTask { _ = try await createTeam(store, "t\(index)") } }
            try await group.waitForAll()
        }
        let sequences = published.all.map { $0.sequence }
        #expect(sequences == Array(1...40))
        #expect(try await store.lastSequence() == 40)
        let replay = try await store.since(SinceRequest(after_sequence: 0))
        #expect(replay.events == published.all)
        #expect(replay.events.allSatisfy { $0.service == "staff" && $0.type == "team.created" })
        let decoded = try Staff.Team(wireBytes: replay.events[0].payload)
        #expect(decoded.team_id == replay.events[0].subject_id)
    }

    @Test("Since pages: a limit, the position after, and the newest sequence")
    func sincePages() async throws {
        let store = try makeStore(at: temporaryPath())
        for index in 1...12 { _ = try await createTeam(store, "t\(index)") }
        let first = try await store.since(SinceRequest(after_sequence: 0, limit: 5))
        #expect(first.events.map { $0.sequence } == [1, 2, 3, 4, 5] && first.last_sequence == 12)
        let rest = try await store.since(SinceRequest(after_sequence: 10, limit: 5))
        #expect(rest.events.map { $0.sequence } == [11, 12])
        #expect(try await store.since(SinceRequest(after_sequence: 12)).events.isEmpty)
    }

    @Test("a retried create with the same idempotency key returns the first reply and makes nothing twice")
    func idempotency() async throws {
        let store = try makeStore(at: temporaryPath())
        let first = try await createTeam(store, "a", key: "k-1")
        // The retry would insert "b"; the ledger answers with the first reply instead.
        let retry = try await createTeam(store, "b", key: "k-1")
        #expect(retry == first)
        #expect(try await teamCount(store) == 1)
        #expect(try await store.lastSequence() == 1)
        _ = try await createTeam(store, "c", key: "k-2")
        #expect(try await teamCount(store) == 2)
    }

    @Test("a write that throws commits nothing: no rows, no events, the key stays unused")
    func failedWriteRollsBack() async throws {
        let store = try makeStore(at: temporaryPath())
        _ = try await createTeam(store, "a")
        await #expect(throws: RPCError.self) {
            let _: Staff.CreateTeamReply = try await store.write(idempotencyKey: "k", method: "CreateTeam") { change in
                try change.db.execute(sql: "INSERT INTO team (id, name) VALUES ('x', 'X')")
                try change.record("team.created", subject: "x", Staff.Team(team_id: "x"))
                throw RPCError(.failedPrecondition, "refused")
            }
        }
        #expect(try await teamCount(store) == 1)
        #expect(try await store.lastSequence() == 1)
        _ = try await createTeam(store, "y", key: "k")
        #expect(try await teamCount(store) == 2)
    }

    @Test("a reopened database has every acknowledged write and continues the sequence")
    func reopen() async throws {
        let path = temporaryPath()
        do {
            let store = try makeStore(at: path)
            for index in 1...5 { _ = try await createTeam(store, "t\(index)") }
        }
        let reopened = try makeStore(at: path)
        #expect(try await teamCount(reopened) == 5)
        _ = try await createTeam(reopened, "t6")
        #expect(try await reopened.since(SinceRequest(after_sequence: 0)).events.map { $0.sequence } == Array(1...6))
    }
}
