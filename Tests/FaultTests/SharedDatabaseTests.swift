import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// Two tickets processes serving from one PostgreSQL database behind one broker;
/// the one running the SLA scheduler killed with SIGKILL while four callers create
/// tickets, half of them received two weeks ago (due for a breach at once).
@Suite(
    "faults: two tickets processes on one PostgreSQL database", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: TestBackend.isPostgres))
struct SharedDatabaseTests {
    @Test(
        "kill -9 of one of two tickets processes under load: every acknowledged ticket once, events gap-free, each breach flagged once, the scheduler moves to the other"
    )
    func oneOfTwoKilled() async throws {
        try await ProcessStack.run(Self.run)
    }

    static let lease = "sla-scheduler"

    static func run(_ stack: ProcessStack) async throws {
        try await stack.start("staff")
        let processes = try await startTwo(
            "tickets", in: stack, environment: ["GLIMLACH_TICKETS_SLA_TICK_SECONDS": "1"])
        let client = stack.client
        let url = try await stack.database("tickets")
        let holder = try await waitForHolder(of: lease, url, among: processes, timeout: .seconds(10))

        let twoWeeksAgo = Date().addingTimeInterval(-14 * 86_400).unixMilliseconds
        let log = Acknowledgements()
        let stop = Flag()
        let load = KeyedTicketLoad.start(client: client, prefix: "shared", log: log, stop: stop) { key in
            var request = ChaosLoad.ticket(key)
            if key.hasSuffix("0") || key.hasSuffix("5") { request.received_at_ms = twoWeeksAgo }
            return request
        }
        try await waitUntil("the load runs on both processes", timeout: .seconds(30)) { log.count >= 150 }
        let killedAt = ContinuousClock.now
        await holder.kill()
        let survivor = processes.first { $0 !== holder }!
        try await waitUntil("the load goes on", timeout: .seconds(30)) {
            log.times.filter { $0 > killedAt }.count >= 150
        }
        // The lease (three ticks) expires and the survivor takes the scheduler over.
        let next = try await waitForHolder(of: lease, url, among: [survivor], timeout: .seconds(15))
        #expect(next === survivor)
        stop.set()
        await load.value

        let all = try await KeyedTicketLoad.expectEachAcknowledgedOnce(client: client, log: log)
        let pastDue = log.ids.filter { $0.key.hasSuffix("0") || $0.key.hasSuffix("5") }.map(\.value)
        #expect(pastDue.count >= 40, "\(pastDue.count) past-due tickets")
        // Every past-due ticket is flagged by whichever process holds the lease, once.
        try await waitUntil("every past-due ticket is flagged", timeout: .seconds(15)) {
            let breached = Set(
                try await client.events(of: "tickets").filter { $0.type == "ticket.sla_breached" }
                    .compactMap(\.subject_id))
            return Set(pastDue).isSubset(of: breached)
        }
        let flags = try await client.events(of: "tickets").filter { $0.type == "ticket.sla_breached" }
            .compactMap(\.subject_id)
        var perTicket: [String: Int] = [:]
        for id in flags { perTicket[id, default: 0] += 1 }
        #expect(perTicket.values.allSatisfy { $0 == 1 }, "flagged twice: \(perTicket.filter { $0.value > 1 }.keys)")
        let flaggedAfterKill = try await client.events(of: "tickets").count - all.count
        print(
            "two tickets processes on PostgreSQL: \(log.count) acknowledged (\(log.failures.count) calls failed), \(all.count) events gap-free, \(flags.count) breaches flagged once each (\(flaggedAfterKill) events after the load), scheduler moved to pid \(survivor.pid)"
        )
    }

    /// Starts two `product` processes on the stack's one database for it and waits
    /// until the broker lists both.
    static func startTwo(
        _ product: String, in stack: ProcessStack, arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> [ChildProcess] {
        let processes = [
            try await stack.start(product, arguments: arguments, environment: environment),
            try await stack.start(product, arguments: arguments, environment: environment),
        ]
        try await waitUntil("both \(product) processes serve", timeout: .seconds(10)) {
            let listing = try await stack.client.call(BusAPI.listServices, ListServicesRequest())
            return listing.services.first { $0.name == product }?.workers ?? 0 >= 2
        }
        return processes
    }

    /// The process whose identity holds `lease`, once one does.
    static func waitForHolder(of lease: String, _ url: String, among processes: [ChildProcess], timeout: Duration)
        async throws -> ChildProcess
    {
        try await waitUntil("a process holds the lease \(lease)", timeout: timeout) {
            try await holder(of: lease, url, among: processes) != nil
        }
        return try await holder(of: lease, url, among: processes)!
    }

    static func holder(of lease: String, _ url: String, among processes: [ChildProcess]) async throws -> ChildProcess? {
        let holder = try await psql(url, "SELECT holder FROM job_lease WHERE job = '\(lease)'")
        let pid = holder.split(separator: "/").dropFirst().first.flatMap { Int32($0) }
        return processes.first { $0.pid == pid }
    }

    /// What psql prints for `sql` on the database at `url` (unaligned, no headers).
    static func psql(_ url: String, _ sql: String) async throws -> String {
        let database = String(url[url.index(after: url.lastIndex(of: "/")!)...])
        return try await TestPostgres.server().query(sql, database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
