import Bus
import Contract
import Foundation
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// A PostgreSQL store of teams on a fresh database; `published` collects its events.
private func makePostgresStore(
    _ url: String, published: Published? = nil, clock: @escaping @Sendable () -> Date = Date.init
) async throws -> PostgresStore {
    try await PostgresStore(
        url: url, service: "staff",
        migrations: [PostgresMigration("team", "CREATE TABLE team (id TEXT PRIMARY KEY, name TEXT)")], clock: clock,
        publish: { events in published?.events.withLock { $0 += events } })
}

private func createTeam(_ store: PostgresStore, _ id: String, key: String? = nil) async throws
    -> Staff.CreateTeamReply
{
    try await store.write(idempotencyKey: key, method: "CreateTeam") { change in
        try change.session.execute("INSERT INTO team (id, name) VALUES (?, ?)", id, "Team \(id)")
        try change.record("team.created", subject: id, Staff.Team(team_id: id))
        return Staff.CreateTeamReply(team: Staff.Team(team_id: id))
    }
}

private func teams(_ store: PostgresStore) async throws -> [String] {
    try await store.readSession { session in
        try session.rows("SELECT id FROM team ORDER BY id", []).map { $0["id"] as String }
    }
}

@Suite(
    "PostgreSQL store: several processes on one database", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: TestBackend.isPostgres))
struct PostgresStoreTests {
    @Test(
        "two stores (two processes) writing at once: every event numbered once, and a reader never sees a later one before an earlier"
    )
    func gapFreeInCommitOrder() async throws {
        let url = try await TestPostgres.freshDatabase()
        let stores = [try await makePostgresStore(url), try await makePostgresStore(url)]
        let follower = Task {
            // Follows the log as a consumer does: each page must continue where the last ended.
            var last: UInt64 = 0
            var broken: [String] = []
            while !Task.isCancelled && last < 200 {
                let page = try await stores[0].since(SinceRequest(after_sequence: last))
                for event in page.events {
                    if event.sequence != last + 1 { broken.append("\(event.sequence) after \(last)") }
                    last = event.sequence
                }
            }
            return broken
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { _ = try await createTeam(stores[index % 2], "t\(index)") }
            }
            try await group.waitForAll()
        }
        let events = try await stores[1].since(SinceRequest(after_sequence: 0, limit: 1000)).events
        #expect(events.map(\.sequence) == Array(1...200))
        #expect(Set(events.compactMap(\.subject_id)) == Set((0..<200).map { "t\($0)" }))
        #expect(try await follower.value == [])
        #expect(try await teams(stores[0]).count == 200)
    }

    @Test("the same idempotency key at two stores at once makes one team, and both callers get its reply")
    func keyRaceAcrossProcesses() async throws {
        let url = try await TestPostgres.freshDatabase()
        let stores = [try await makePostgresStore(url), try await makePostgresStore(url)]
        for round in 0..<20 {
            async let first = createTeam(stores[0], "a\(round)", key: "k\(round)")
            async let second = createTeam(stores[1], "b\(round)", key: "k\(round)")
            let (one, two) = try await (first, second)
            #expect(one == two)
        }
        #expect(try await teams(stores[0]).count == 20)
        #expect(try await stores[0].lastSequence() == 20)
    }

    @Test("a write that throws or that PostgreSQL refuses rolls back alone; the others are stored with gap-free events")
    func failingWrite() async throws {
        let published = Published()
        let store = try await makePostgresStore(try await TestPostgres.freshDatabase(), published: published)
        _ = try await createTeam(store, "a")
        let refused = Task {
            try await store.write(method: "CreateTeam") { change -> Staff.CreateTeamReply in
                try change.session.execute("INSERT INTO team (id, name) VALUES ('x', 'X')")
                try change.record("team.created", subject: "x", Staff.Team(team_id: "x"))
                throw Refusal.precondition("team x is refused")
            }
        }
        // A statement PostgreSQL refuses (a second team "a") spoils only its own savepoint.
        let duplicate = Task { try await createTeam(store, "a") }
        _ = try await createTeam(store, "b")
        await #expect(throws: Refusal.precondition("team x is refused")) { try await refused.value }
        await #expect(throws: (any Error).self) { try await duplicate.value }
        #expect(try await teams(store) == ["a", "b"])
        let events = try await store.since(SinceRequest(after_sequence: 0)).events
        #expect(events.map(\.sequence) == [1, 2] && Set(events.compactMap(\.subject_id)) == ["a", "b"])
        #expect(published.all == events)
    }

    @Test(
        "a connection the server ends inside a write: the write fails UNAVAILABLE, nothing of it is stored, the next write reconnects"
    )
    func connectionEndedInsideWrite() async throws {
        let store = try await makePostgresStore(try await TestPostgres.freshDatabase())
        _ = try await createTeam(store, "a")
        await #expect {
            try await store.write(method: "CreateTeam") { change -> Staff.CreateTeamReply in
                // As a server restart or an administrator would: the session ends mid-transaction.
                _ = try? change.session.execute("SELECT pg_terminate_backend(pg_backend_pid())", [])
                Thread.sleep(forTimeInterval: 0.3)  // the client has seen the connection close
                try change.session.execute("INSERT INTO team (id, name) VALUES ('x', 'X')")
                try change.record("team.created", subject: "x", Staff.Team(team_id: "x"))
                return Staff.CreateTeamReply(team: Staff.Team(team_id: "x"))
            }
        } throws: { error in
            (error as? RPCError)?.code == .unavailable
        }
        #expect(try await teams(store) == ["a"])
        #expect(try await store.lastSequence() == 1)
        _ = try await createTeam(store, "b")
        #expect(try await teams(store) == ["a", "b"])
        #expect(try await store.since(SinceRequest(after_sequence: 0)).events.map(\.sequence) == [1, 2])
    }

    @Test("a job lease has one holder; it passes to another process only after it expired")
    func lease() async throws {
        let url = try await TestPostgres.freshDatabase()
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let clock: @Sendable () -> Date = { now.withLock { $0 } }
        let stores = [try await makePostgresStore(url, clock: clock), try await makePostgresStore(url, clock: clock)]
        #expect(try await stores[0].holdLease("sla", holder: "one", seconds: 3))
        #expect(try await !stores[1].holdLease("sla", holder: "two", seconds: 3))
        now.withLock { $0 += 2 }
        #expect(try await stores[0].holdLease("sla", holder: "one", seconds: 3))  // renewed until +5
        now.withLock { $0 += 2.5 }
        #expect(try await !stores[1].holdLease("sla", holder: "two", seconds: 3))
        now.withLock { $0 += 1 }  // "one" stopped renewing: expired
        #expect(try await stores[1].holdLease("sla", holder: "two", seconds: 3))
        #expect(try await !stores[0].holdLease("sla", holder: "one", seconds: 3))
    }

    @Test("a lease whose holder on this host no longer runs is taken at once; a running one's is not")
    func leaseOfDeadProcess() async throws {
        let url = try await TestPostgres.freshDatabase()
        let store = try await makePostgresStore(url)
        let host = ProcessInfo.processInfo.hostName
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()  // reaped: the kernel knows its pid no more
        #expect(try await store.holdLease("deliveries", holder: "\(host)/\(ended.processIdentifier)/dead", seconds: 90))
        #expect(try await store.holdLease("deliveries", holder: "\(host)/\(getpid())/new", seconds: 3))
        // The holder of the next lease runs (this test's parent), as does one on another host.
        #expect(try await store.holdLease("sla", holder: "\(host)/\(getppid())/alive", seconds: 90))
        #expect(try await !store.holdLease("sla", holder: "\(host)/\(getpid())/new", seconds: 3))
        #expect(try await store.holdLease("mail", holder: "elsewhere/\(ended.processIdentifier)/x", seconds: 90))
        #expect(try await !store.holdLease("mail", holder: "\(host)/\(getpid())/new", seconds: 3))
    }

    @Test("a database URL that cannot be used is refused naming what is missing")
    func badURL() async throws {
        for (url, missing) in [
            ("mysql://u@h/db", "expected postgres://"), ("postgres://h:5432/db", "no user"),
            ("postgres://u@h:5432/", "no database name"),
        ] {
            #expect {
                _ = try PostgresAddress(url: url)
            } throws: { error in
                "\(error)".contains(missing)
            }
        }
        #expect(try PostgresAddress(url: "postgresql://glimlach@127.0.0.1:5570/tickets").port == 5570)
    }
}
