import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import TicketsService

@Suite("tickets: create, conversation, lifecycle", .serialized, .timeLimit(.minutes(2)))
struct TicketLifecycleTests {
    @Test("a created ticket keeps customer, channel, category, order, subject, notes and first message")
    func createsTicket() async throws {
        let harness = try await TicketsHarness()
        let ticket = try await harness.create(order: "ORD-1")
        #expect(ticket.status == .new && ticket.priority == .normal && ticket.contact_number == 1)
        #expect(ticket.customer?.name == "Anna de Vries" && ticket.customer?.country == "NL")
        #expect(ticket.customer?.language == "nl" && ticket.customer?.customer_id?.hasPrefix("cus-") == true)
        #expect(ticket.channel == .email && ticket.product_category == "photo-products")
        #expect(ticket.order_reference == "ORD-1" && ticket.subject == "Photo book arrived damaged")
        let full = try await harness.get(ticket.ticket_id!)
        #expect(full.notes.map(\.text) == ["The book is a gift for grandma's 80th birthday"])
        #expect(full.messages.map(\.kind) == [.inbound] && full.messages.first?.body == "The cover is torn.")
        #expect(full.sla?.state == .onTrack && full.sla?.target_ms == 24 * 3_600_000)
        #expect(
            harness.published.types(ticket.ticket_id) == [
                "ticket.created", "ticket.message_added", "ticket.note_added",
            ])
        // The same channel and handle is the same customer.
        let second = try await harness.create(order: "ORD-2")
        #expect(second.customer?.customer_id == ticket.customer?.customer_id)
        await harness.shutdown()
    }

    @Test("a retried create with the same idempotency key returns the first ticket and makes nothing twice")
    func createIsIdempotent() async throws {
        let harness = try await TicketsHarness()
        let first = try await harness.create(key: "call-42")
        let retry = try await harness.create(key: "call-42")
        #expect(retry.ticket_id == first.ticket_id)
        let listed = try await harness.client.call(Tickets.listTickets, Tickets.ListTicketsRequest())
        #expect(listed.tickets.count == 1)
        #expect(harness.published.types().filter { $0 == "ticket.created" }.count == 1)
        // Messages and notes honour keys too.
        let message = Tickets.AddMessageRequest(ticket_id: first.ticket_id, kind: .inbound, body: "Hello again")
        let sent = try await harness.client.call(Tickets.addMessage, message, options: .init(idempotencyKey: "m-1"))
        let resent = try await harness.client.call(Tickets.addMessage, message, options: .init(idempotencyKey: "m-1"))
        #expect(sent.message?.message_id == resent.message?.message_id)
        #expect(try await harness.get(first.ticket_id!).messages.count == 2)
        await harness.shutdown()
    }

    static let invalidCreates: [(String, Tickets.CreateTicketRequest)] = {
        let good = Tickets.CreateTicketRequest(
            customer: TicketsHarness.customer(), channel: .chat, product_category: "toys", subject: "Where is my order?"
        )
        var noCustomer = good
        noCustomer.customer = nil
        var noHandle = good
        noHandle.customer?.handle = "  "
        var badCountry = good
        badCountry.customer?.country = "nl"
        var badLanguage = good
        badLanguage.customer?.language = "dutch language"
        var noChannel = good
        noChannel.channel = nil
        var badCategory = good
        badCategory.product_category = "Photo Books"
        var noSubject = good
        noSubject.subject = nil
        var blankNote = good
        blankNote.notes = ["ok", " "]
        var badAssignee = good
        badAssignee.assignee_id = "emp 1"
        return [
            ("customer", noCustomer), ("customer.handle", noHandle), ("customer.country", badCountry),
            ("customer.language", badLanguage), ("channel", noChannel), ("product_category", badCategory),
            ("subject", noSubject), ("notes[1]", blankNote), ("assignee_id", badAssignee),
        ]
    }()

    @Test("invalid input is refused with INVALID_ARGUMENT naming the field", arguments: invalidCreates)
    func refusesInvalidInput(field: String, request: Tickets.CreateTicketRequest) async throws {
        let harness = try await TicketsHarness()
        let error = await rpcError { _ = try await harness.client.call(Tickets.createTicket, request) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.hasPrefix("\(field):") == true, "\(String(describing: error))")
        await harness.shutdown()
    }

    @Test("unknown ticket ids answer NOT_FOUND on every method that takes one")
    func unknownTicket() async throws {
        let harness = try await TicketsHarness()
        let client = harness.client
        let id = "tkt-missing"
        #expect(await code { _ = try await client.call(Tickets.getTicket, .init(ticket_id: id)) } == .notFound)
        #expect(
            await code {
                _ = try await client.call(Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "hi"))
            } == .notFound)
        #expect(await code { _ = try await client.call(Tickets.addNote, .init(ticket_id: id, text: "x")) } == .notFound)
        #expect(
            await code { _ = try await client.call(Tickets.setTicketStatus, .init(ticket_id: id, status: .open)) }
                == .notFound)
        #expect(
            await code { _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: id, summary: "s")) }
                == .notFound)
        #expect(await code { _ = try await client.call(Tickets.closeTicket, .init(ticket_id: id)) } == .notFound)
        #expect(await code { _ = try await client.call(Tickets.reopenTicket, .init(ticket_id: id)) } == .notFound)
        #expect(await code { _ = try await client.call(Tickets.getSlaStatus, .init(ticket_id: id)) } == .notFound)
        #expect(
            await code { _ = try await client.call(Tickets.assignTicket, .init(ticket_id: id, team_id: "team-x")) }
                == .notFound)
        #expect(
            await code {
                _ = try await client.call(
                    Tickets.approveGesture, .init(gesture_id: "gst-missing", team_lead_id: "emp-1"))
            } == .notFound)
        await harness.shutdown()
    }

    @Test("status moves among new, open and pending; other moves are refused")
    func statusTransitions() async throws {
        let harness = try await TicketsHarness()
        let client = harness.client
        let id = try await harness.create().ticket_id!
        func set(_ status: Tickets.TicketStatus) async throws -> Tickets.Ticket {
            try await client.call(Tickets.setTicketStatus, .init(ticket_id: id, status: status, changed_by_id: "emp-a"))
                .ticket!
        }
        #expect(try await set(.open).status == .open)
        #expect(try await set(.pendingCustomer).status == .pendingCustomer)
        #expect(await code { _ = try await set(.new) } == .failedPrecondition)
        #expect(await code { _ = try await set(.resolved) } == .invalidArgument)
        #expect(await code { _ = try await set(.closed) } == .invalidArgument)
        // The customer answers: back to OPEN.
        let answered = try await client.call(
            Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "Any news?"))
        #expect(answered.ticket?.status == .open)
        // Close before resolve is refused; reopen before resolve too.
        #expect(
            await code { _ = try await client.call(Tickets.closeTicket, .init(ticket_id: id)) } == .failedPrecondition)
        #expect(
            await code { _ = try await client.call(Tickets.reopenTicket, .init(ticket_id: id)) } == .failedPrecondition)
        #expect(
            await code { _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: id)) } == .invalidArgument)
        let resolved = try await client.call(Tickets.resolveTicket, .init(ticket_id: id, summary: "Replaced the book"))
        #expect(resolved.ticket?.status == .resolved && resolved.ticket?.resolution_summary == "Replaced the book")
        #expect(await code { _ = try await set(.open) } == .failedPrecondition)
        #expect(
            await code { _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: id, summary: "again")) }
                == .failedPrecondition)
        // A customer message reopens a resolved ticket.
        let again = try await client.call(
            Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "Still broken"))
        #expect(again.ticket?.status == .reopened && again.ticket?.reopen_count == 1)
        _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: id, summary: "Second copy sent"))
        let closed = try await client.call(Tickets.closeTicket, .init(ticket_id: id, closed_by_id: "emp-a"))
        #expect(closed.ticket?.status == .closed && closed.ticket?.closed_at_ms != nil)
        #expect(
            await code { _ = try await client.call(Tickets.reopenTicket, .init(ticket_id: id)) } == .failedPrecondition)
        #expect(
            await code {
                _ = try await client.call(Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "?"))
            }
                == .failedPrecondition)
        #expect(harness.published.types(id).contains("ticket.closed"))
        // Reopened and written to again: not resolved on first contact.
        let resolutions = try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self)
        #expect(resolutions.map(\.first_contact_resolution) == [true, false])
        #expect(resolutions.map(\.reopen_count) == [0, 1])
        #expect(harness.published.types(id).filter { $0 == "ticket.reopened" }.count == 1)
        await harness.shutdown()
    }

    @Test("resolving publishes ticket.resolved with every attribution field filled")
    func resolvedEvent() async throws {
        let harness = try await TicketsHarness()
        let team = try await harness.team("Service experts Utrecht")
        let agent = try await harness.employee("Bram Jansen", team: team, employer: "callcenter-x")
        let id = try await harness.create(order: "ORD-9", assignee: agent).ticket_id!
        _ = try await harness.reply(id, by: agent)
        _ = try await harness.client.call(
            Tickets.resolveTicket, .init(ticket_id: id, resolved_by_id: agent, summary: "Sent a new photo book"))
        let event = try #require(
            try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self).first)
        #expect(event.ticket_id == id && event.agent_id == agent && event.team_id == team)
        #expect(event.employer_id == "callcenter-x" && event.channel == .email && event.country == "NL")
        #expect(event.product_category == "photo-products" && event.customer_language == "nl")
        #expect(event.customer_name == "Anna de Vries" && event.customer_handle == "anna@example.nl")
        #expect(event.customer_id != nil && event.summary == "Sent a new photo book" && event.resolved_by_id == agent)
        #expect(event.first_contact_resolution == true && event.reopen_count == 0 && event.created_at_ms != nil)
        #expect(event.resolved_at_ms == harness.clock.now.unixMilliseconds)
        await harness.shutdown()
    }

    @Test("ListTickets filters by status, channel, assignee, team, country and breached, and pages")
    func listsTickets() async throws {
        let harness = try await TicketsHarness()
        let team = try await harness.team("Social")
        let agent = try await harness.employee("Cor Bakker", team: team)
        for index in 0..<5 { _ = try await harness.create(channel: .email, handle: "c\(index)@example.nl") }
        let chat = try await harness.create(channel: .chat, assignee: agent, handle: "@belg", country: "BE")
        let client = harness.client
        func list(_ request: Tickets.ListTicketsRequest) async throws -> [String] {
            try await client.call(Tickets.listTickets, request).tickets.compactMap(\.ticket_id)
        }
        #expect(try await list(.init(channels: [.chat])) == [chat.ticket_id!])
        #expect(try await list(.init(assignee_id: agent)) == [chat.ticket_id!])
        #expect(try await list(.init(team_id: team)) == [chat.ticket_id!])
        #expect(try await list(.init(country: "BE")) == [chat.ticket_id!])
        #expect(try await list(.init(statuses: [.new])).count == 6)
        #expect(try await list(.init(statuses: [.resolved])).isEmpty)
        #expect(try await list(.init(breached: true)).isEmpty)
        #expect(try await list(.init(text: "C3@EXAMPLE")).count == 1)
        let now = harness.clock.now
        let window = try TimeWindow(from: now, to: now.addingTimeInterval(1), timeZone: .gmt)
        let earlier = try TimeWindow(
            from: now.addingTimeInterval(-7200), to: now.addingTimeInterval(-3600), timeZone: .gmt)
        #expect(try await list(.init(created: window)).count == 6)
        #expect(try await list(.init(created: earlier)).isEmpty)
        let first = try await client.call(Tickets.listTickets, .init(page_size: 4))
        #expect(first.tickets.count == 4 && first.tickets.first?.ticket_id == chat.ticket_id)
        let rest = try await client.call(Tickets.listTickets, .init(page_size: 4, page_token: first.next_page_token))
        #expect(rest.tickets.count == 2 && (rest.next_page_token ?? "").isEmpty)
        #expect(first.tickets.allSatisfy { $0.messages.isEmpty && $0.notes.isEmpty })
        #expect(
            await code { _ = try await client.call(Tickets.listTickets, .init(country: "Belgium")) } == .invalidArgument
        )
        await harness.shutdown()
    }

    @Test("notes, internal notes and handle time are recorded; handle time is published without the employee")
    func notesAndHandleTime() async throws {
        let harness = try await TicketsHarness()
        let client = harness.client
        let id = try await harness.create().ticket_id!
        let note = try await client.call(
            Tickets.addNote, .init(ticket_id: id, author_id: "emp-a", text: "Customer prefers a call after 17:00"))
        #expect(note.note?.text == "Customer prefers a call after 17:00")
        #expect(
            await code { _ = try await client.call(Tickets.addNote, .init(ticket_id: id, text: " ")) }
                == .invalidArgument)
        #expect(
            await code {
                _ = try await client.call(Tickets.addMessage, .init(ticket_id: id, kind: .publicReply, body: "x"))
            }
                == .invalidArgument)
        _ = try await client.call(
            Tickets.recordHandleTime, .init(ticket_id: id, employee_id: "emp-a", duration_ms: 300_000))
        _ = try await client.call(
            Tickets.recordHandleTime, .init(ticket_id: id, employee_id: "emp-b", duration_ms: 120_000))
        #expect(
            await code { _ = try await client.call(Tickets.recordHandleTime, .init(ticket_id: id, duration_ms: 0)) }
                == .invalidArgument)
        let recorded = try harness.published.payloads(
            "ticket.handle_time_recorded", as: Tickets.TicketHandleTimeRecorded.self)
        // Team and channel only: no person, no per-ticket total to rank anyone by.
        #expect(recorded.map(\.duration_ms) == [300_000, 120_000])
        #expect(recorded.allSatisfy { $0.channel == .email })
        let listed = try await client.call(Tickets.listTickets, .init()).tickets
        #expect(!listed.isEmpty && !"\(listed)".contains("handle_time"))
        #expect(!"\(try await harness.get(id))".contains("handle_time"))
        await harness.shutdown()
    }
}
