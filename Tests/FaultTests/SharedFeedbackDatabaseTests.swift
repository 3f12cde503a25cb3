import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// Two feedback processes serving from one PostgreSQL database behind one broker;
/// the one delivering detractors' follow-ups killed with SIGKILL while four callers
/// submit answers, one in four a detractor's.
@Suite(
    "faults: two feedback processes on one PostgreSQL database", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: TestBackend.isPostgres))
struct SharedFeedbackDatabaseTests {
    @Test(
        "kill -9 of one of two feedback processes under load: every acknowledged answer once, events gap-free, each detractor's follow-up opened once, delivery moves to the other"
    )
    func oneOfTwoKilled() async throws {
        try await ProcessStack.run(Self.run)
    }

    static let lease = "follow-up-delivery"

    static func run(_ stack: ProcessStack) async throws {
        try await stack.start("staff")
        try await stack.start("tickets")
        let client = stack.client
        let original = try await resolvedTicket(client)
        let processes = try await SharedDatabaseTests.startTwo(
            "feedback", in: stack, arguments: ["--follow-up-retry-ms", "200", "--follow-up-retry-max-ms", "1000"])
        let url = try await stack.database("feedback")
        let holder = try await SharedDatabaseTests.waitForHolder(
            of: lease, url, among: processes, timeout: .seconds(10))

        let log = Acknowledgements()
        let stop = Flag()
        let load = KeyedLoad.start(prefix: "answer", log: log, stop: stop) { key in
            try await client.call(
                Feedback.submitResponse, answer(key, ticket: original),
                options: .init(timeout: .seconds(2), idempotencyKey: key)
            ).response!.response_id!
        }
        try await waitUntil("the load runs on both processes", timeout: .seconds(30)) { log.count >= 150 }
        let killedAt = ContinuousClock.now
        await holder.kill()
        let survivor = processes.first { $0 !== holder }!
        try await waitUntil("the load goes on", timeout: .seconds(30)) {
            log.times.filter { $0 > killedAt }.count >= 150
        }
        // The lease (three passes, at least 3 s) expires and the survivor delivers.
        let next = try await SharedDatabaseTests.waitForHolder(of: lease, url, among: [survivor], timeout: .seconds(15))
        #expect(next === survivor)
        stop.set()
        await load.value

        let events = try await client.events(of: "feedback")
        #expect(events.map(\.sequence) == Array(1...UInt64(events.count)), "feedback's events gap-free")
        let submitted = events.filter { $0.type == "response.submitted" }.compactMap(\.subject_id)
        #expect(Set(log.ids.values).isSubset(of: Set(submitted)), "acknowledged answers missing")
        var answersPerKey: [String: Int] = [:]
        for id in submitted {
            let response = try await client.call(Feedback.getResponse, .init(response_id: id)).response
            answersPerKey[response?.customer_id ?? "", default: 0] += 1
        }
        #expect(
            answersPerKey.values.allSatisfy { $0 == 1 },
            "keys with two answers: \(answersPerKey.filter { $0.value > 1 }.keys)")

        // Every detractor's follow-up is opened, by whichever process holds the lease, once.
        let detractors = log.ids.filter { isDetractor($0.key) }.map(\.value)
        #expect(detractors.count >= 40, "\(detractors.count) detractors")
        try await waitUntil("every detractor's follow-up is open", timeout: .seconds(60)) {
            for id in detractors {
                let followUp = try await client.call(Feedback.getFollowUp, .init(response_id: id)).follow_up
                guard followUp?.status == .open else { return false }
            }
            return true
        }
        let opened = try await followUpTickets(client)
        let perResponse = Dictionary(grouping: opened, by: { $0 }).mapValues(\.count)
        #expect(detractors.allSatisfy { perResponse[$0] == 1 }, "follow-ups opened twice or never")
        print(
            "two feedback processes on PostgreSQL: \(log.count) acknowledged (\(log.failures.count) calls failed), \(events.count) events gap-free, \(detractors.count) follow-ups opened once each, delivery moved to pid \(survivor.pid)"
        )
    }

    /// Answers whose key ends in 0, 4 or 8 are detractors'.
    static func isDetractor(_ key: String) -> Bool { key.hasSuffix("0") || key.hasSuffix("4") || key.hasSuffix("8") }

    /// An answer about `ticket`, its customer named by `key`.
    static func answer(_ key: String, ticket: String) -> Feedback.SubmitResponseRequest {
        Feedback.SubmitResponseRequest(
            score: isDetractor(key) ? 3 : 9, comment: "Answer \(key)",
            attribution: Feedback.Attribution(
                ticket_id: ticket, channel: .email, country: "NL", product_category: "photo-books"),
            customer_id: key, source: .web)
    }

    /// A resolved ticket for the answers to follow up on, with a Special Care team.
    static func resolvedTicket(_ client: BusClient) async throws -> String {
        _ = try await client.call(Staff.createTeam, .init(name: "Special Care", kind: .specialCare))
        let created = try await client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna", handle: "anna@example.nl", country: "NL", language: "nl"),
                channel: .email, product_category: "photo-books", subject: "Torn photo book", body: "Torn."))
        let ticketID = try #require(created.ticket?.ticket_id)
        _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: ticketID, summary: "Sent a new one"))
        return ticketID
    }

    /// The response id of every follow-up ticket tickets holds.
    static func followUpTickets(_ client: BusClient) async throws -> [String] {
        var ids: [String] = []
        var token: String?
        repeat {
            let page = try await client.call(
                Tickets.listTickets, .init(special_care: true, page_size: 200, page_token: token))
            ids += page.tickets.compactMap { $0.follow_up?.response_id }
            token = page.next_page_token
        } while !(token ?? "").isEmpty
        return ids
    }
}
