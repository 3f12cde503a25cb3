import Bus
import Contract
import Foundation
import Testing
import TestSupport

/// A customer's privacy requests carried out with `glimlach customer` against every
/// service as a process: the export holds all they gave us, the erasure leaves no
/// trace of them in any service's answers or database files, and the figures stay.
@Suite("Privacy journey: export and erase a customer across services", .serialized, .timeLimit(.minutes(3)))
struct PrivacyJourneyTests {
    /// What identifies Anna, as she gave it on the way.
    static let traces = [
        "anna.devries@example.nl", "Anna de Vries", "+31698765432", "31698765432", "FF-123456",
        "Torn photo book", "cover of FF-123456", "Any news on my book", "Dear Anna", "Daan was wonderful",
    ]

    @Test("export holds everything; erase leaves no trace in answers or files; the answer's score still counts")
    func exportAndErase() async throws {
        try await ProcessStack.run(Self.run)
    }

    static func run(_ stack: ProcessStack) async throws {
        try await stack.start("staff")
        try await stack.start("tickets")
        try await stack.start("feedback", environment: ["GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0"])
        try await stack.start("channels")
        let client = stack.client
        let agent = try await client.call(
            Staff.createEmployee,
            .init(
                name: "Daan Bakker", email: "daan@glimlach.example", country: "NL", start_date: "2025-01-06",
                status: .active)
        ).employee!.employee_id!
        let asAgent = CallOptions(timeout: .seconds(10), actor: agent)

        // Anna writes through the contact form, then on WhatsApp from the number the agent adds.
        let form = try await client.call(
            Channels.receiveMessage,
            .init(
                channel: .webForm, handle: "anna.devries@example.nl", name: "Anna de Vries", language: "en",
                country: "NL", subject: "Torn photo book", body: "The cover of FF-123456 is torn.",
                external_id: "form-1"))
        let ticketID = try #require(form.ticket_id)
        let customer = try #require(
            try await client.call(Tickets.getTicket, .init(ticket_id: ticketID)).ticket?.customer?.customer_id)
        _ = try await client.call(
            Tickets.addCustomerHandle, .init(customer_id: customer, channel: .whatsApp, handle: "+31 6 9876 5432"),
            options: asAgent)
        let whatsApp = try await client.call(
            Channels.receiveMessage,
            .init(
                channel: .whatsApp, handle: "31698765432", name: "Anna de Vries", conversation_key: "31698765432",
                body: "Any news on my book?", external_id: "wamid.privacy-1"))
        #expect(
            try await client.call(Tickets.getTicket, .init(ticket_id: whatsApp.ticket_id)).ticket?.customer?
                .customer_id == customer)
        _ = try await client.call(
            Tickets.addMessage,
            .init(ticket_id: ticketID, kind: .publicReply, author_id: agent, body: "Dear Anna, a new book is coming."),
            options: asAgent)
        _ = try await client.call(
            Tickets.resolveTicket,
            .init(ticket_id: ticketID, resolved_by_id: agent, summary: "New book sent to Anna de Vries"),
            options: asAgent)

        // She answers the survey with a comment.
        let token = try await ChannelsJourneyTests.eventually("feedback invites her") {
            try await client.call(Feedback.exportCustomer, .init(customer_id: customer)).invitations.first?.token
        }
        _ = try await client.call(
            Feedback.submitResponse, .init(token: token, score: 9, comment: "Daan was wonderful, thanks!"))

        // The export: one JSON document with what each service holds.
        let export = try await Self.glimlach(["customer", "export", customer], stack)
        #expect(export.status == 0, "\(export.errors)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [String: Any])
        #expect(Set(document.keys).isSuperset(of: ["tickets", "feedback", "channels"]))
        for trace in Self.traces {
            #expect(export.output.contains(trace), "the export lacks \(trace)")
        }

        // Her data is stored now (what the scan after erasure must not find).
        let stored = try await Self.storedData(stack)
        #expect(stored.contains { Self.holds($0.bytes, "anna.devries@example.nl") })

        // Without --yes (and no terminal) nothing is erased.
        let refused = try await Self.glimlach(["customer", "erase", customer, "--reason", "request 2026-118"], stack)
        #expect(refused.status == 1 && refused.errors.contains("--yes"))
        #expect(try await client.call(Tickets.getCustomer, .init(customer_id: customer)).handles.count == 2)

        let erase = try await Self.glimlach(
            ["customer", "erase", customer, "--reason", "request 2026-118 by e-mail", "--yes"], stack)
        #expect(erase.status == 0, "\(erase.output) \(erase.errors)")
        #expect(erase.output.contains("tickets: erased 2 ticket(s)"))
        #expect(erase.output.contains("feedback: erased") && erase.output.contains("channels: erased"))

        // No trace in what the services answer, nor in what their databases keep.
        let after = try await Self.glimlach(["customer", "export", customer], stack)
        #expect(after.status == 0 && after.output.contains("request 2026-118 by e-mail"))
        for trace in Self.traces {
            #expect(!after.output.contains(trace), "the export after erasure still has \(trace)")
        }
        for (name, bytes) in try await Self.storedData(stack) {
            for trace in Self.traces {
                #expect(!Self.holds(bytes, trace), "\(name) still holds \(trace)")
            }
        }

        // The figures stay: her score counts, her tickets are still resolved and counted.
        let responses = try await client.call(Feedback.listResponses, .init()).responses
        #expect(responses.map(\.score) == [9] && responses.first?.comment == nil)
        let tickets = try await client.call(Tickets.listTickets, .init(customer_id: customer)).tickets
        #expect(tickets.count == 2 && tickets.contains { $0.ticket_id == ticketID && $0.status == .resolved })
    }

    static func glimlach(_ arguments: [String], _ stack: ProcessStack) async throws -> CommandRun {
        try await CommandRun.run(
            "glimlach", arguments + ["--timeout", "10"], environment: ["GLIMLACH_BUS_ENDPOINT": stack.endpoint],
            timeout: .seconds(60))
    }

    /// What the services' databases keep, by name: on SQLite every file (database,
    /// write-ahead log, shared memory); on PostgreSQL every row of each service's
    /// database (`pg_dump`; erased rows are vacuumed, see docs/operating.md).
    static func storedData(_ stack: ProcessStack) async throws -> [(name: String, bytes: Data)] {
        if TestBackend.isPostgres {
            let server = try await TestPostgres.server()
            var dumps: [(name: String, bytes: Data)] = []
            for service in ["staff", "tickets", "feedback", "channels"] {
                let database = try #require(URL(string: try await stack.database(service))?.lastPathComponent)
                dumps.append((service, Data(try await server.dump(database: database).utf8)))
            }
            return dumps
        }
        let files =
            FileManager.default.enumerator(at: stack.dataDirectory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        let found = files.filter { $0.lastPathComponent.contains(".sqlite") }
        #expect(found.contains { $0.lastPathComponent == "tickets.sqlite" })
        return try found.map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
    }

    /// Whether `bytes` hold `trace` as it is, or in hex as PostgreSQL dumps byte columns.
    static func holds(_ bytes: Data, _ trace: String) -> Bool {
        let hex = trace.utf8.map { String(format: "%02x", $0) }.joined()
        return bytes.range(of: Data(trace.utf8)) != nil || bytes.range(of: Data(hex.utf8)) != nil
    }
}
