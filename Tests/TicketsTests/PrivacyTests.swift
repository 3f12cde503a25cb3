import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import TicketsService

/// A customer's privacy requests in tickets: export, and erasure that keeps the figures.
@Suite("privacy requests in tickets", .timeLimit(.minutes(1)))
struct PrivacyTests {
    static let address = "anna.devries@example.nl"

    /// Anna's e-mail with a note and a reply, her WhatsApp number, an escalation and a
    /// resolution; returns her customer id and ticket.
    static func annasTicket(_ transport: InMemoryTransport) async throws -> (String, Tickets.Ticket) {
        let ticket = try await transport.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: address, country: "NL", language: "nl"),
                channel: .email, product_category: "photo-products", order_reference: "FF-123456",
                subject: "Torn photo book", notes: ["Anna's wedding album"], body: "The cover is torn.")
        ).ticket!
        let customer = try #require(ticket.customer?.customer_id)
        _ = try await transport.call(
            Tickets.addCustomerHandle, .init(customer_id: customer, channel: .whatsApp, handle: "+31 6 9876 5432"))
        _ = try await transport.call(
            Tickets.addMessage,
            .init(
                ticket_id: ticket.ticket_id, kind: .publicReply, author_id: "faq-bot",
                body: "Dear Anna, a new book is on its way.", author_kind: .bot))
        _ = try await transport.call(
            Tickets.resolveTicket, .init(ticket_id: ticket.ticket_id, summary: "New album for Anna's wedding"))
        return (customer, ticket)
    }

    @Test("export gives handles and whole tickets; erase blanks what identifies her, keeps the ticket's figures")
    func exportAndErase() async throws {
        let (transport, directory) = try await CustomerTests.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (customer, ticket) = try await Self.annasTicket(transport)

        let export = try await transport.call(Tickets.exportCustomer, .init(customer_id: customer))
        #expect(export.handles.map(\.handle) == [Self.address, "+31698765432"])
        let exported = try #require(export.tickets.first)
        #expect(exported.customer?.name == "Anna de Vries" && exported.order_reference == "FF-123456")
        #expect(exported.messages.map(\.body) == ["The cover is torn.", "Dear Anna, a new book is on its way."])
        #expect(exported.notes.map(\.text) == ["Anna's wedding album"])
        #expect(export.erased_at_ms == nil)

        let erased = try await transport.call(
            Tickets.eraseCustomer, .init(customer_id: customer, reason: "request 2026-118 by e-mail"))
        #expect(erased.ticket_ids == [ticket.ticket_id!])
        let after = try await transport.call(Tickets.exportCustomer, .init(customer_id: customer))
        #expect(after.handles.isEmpty)
        #expect(after.erased_reason == "request 2026-118 by e-mail" && after.erased_at_ms == erased.erased_at_ms)
        let blank = try #require(after.tickets.first)
        #expect(blank.customer?.name == nil && blank.customer?.handle == nil)
        #expect(blank.subject == nil && blank.order_reference == nil && blank.resolution_summary == nil)
        #expect(blank.messages.map(\.body) == ["", ""] && blank.notes.map(\.text) == [""])
        // What figures count stays: status, channel, country, times, the first-response clock.
        #expect(blank.status == .resolved && blank.channel == .email && blank.customer?.country == "NL")
        #expect(blank.created_at_ms == exported.created_at_ms && blank.sla?.state == exported.sla?.state)
        #expect(blank.messages.map(\.kind) == exported.messages.map(\.kind))

        // Her address is nobody's now: a new mail from it is a new customer.
        let again = try await CustomerTests.contact(transport, channel: .email, handle: Self.address)
        #expect(again.customer?.customer_id != customer)
    }

    @Test("after erasure tickets' event log carries no name, handle, order reference or summary of hers")
    func eventsRewritten() async throws {
        let (transport, directory) = try await CustomerTests.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (customer, _) = try await Self.annasTicket(transport)
        func logText() async throws -> String {
            let events = try await transport.call(Tickets.since, .init(after_sequence: 0, limit: 5000)).events
            return events.map { String(decoding: $0.payload, as: UTF8.self) }.joined(separator: "\n")
        }
        let before = try await logText()
        #expect(before.contains(Self.address) && before.contains("FF-123456") && before.contains("+31698765432"))
        _ = try await transport.call(Tickets.eraseCustomer, .init(customer_id: customer, reason: "request 7"))
        let after = try await logText()
        for trace in [Self.address, "Anna de Vries", "FF-123456", "+31698765432", "wedding"] {
            #expect(!after.contains(trace), "\(trace) is still in the event log")
        }
        #expect(after.contains("request 7"))
    }

    @Test("privacy requests are refused for an employee, need a reason and name an unknown customer")
    func refusals() async throws {
        let (transport, directory) = try await CustomerTests.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (customer, _) = try await Self.annasTicket(transport)
        let asEmployee = CallOptions(actor: "emp-1")
        let export = await #expect(throws: RPCError.self) {
            try await transport.call(Tickets.exportCustomer, .init(customer_id: customer), options: asEmployee)
        }
        #expect(
            export?.code == .permissionDenied
                && export?.message.hasPrefix("privacy requests are carried out by an operator") == true)
        let erase = await #expect(throws: RPCError.self) {
            try await transport.call(
                Tickets.eraseCustomer, .init(customer_id: customer, reason: "asked"), options: asEmployee)
        }
        #expect(erase?.code == .permissionDenied)
        let noReason = await #expect(throws: RPCError.self) {
            try await transport.call(Tickets.eraseCustomer, .init(customer_id: customer))
        }
        #expect(noReason?.code == .invalidArgument && noReason?.message.hasPrefix("reason:") == true)
        let unknown = await #expect(throws: RPCError.self) {
            try await transport.call(Tickets.exportCustomer, .init(customer_id: "cus-nobody"))
        }
        #expect(unknown?.code == .notFound && unknown?.message.hasPrefix("customer_id:") == true)
        // Nothing was erased by the refused calls.
        let still = try await transport.call(Tickets.exportCustomer, .init(customer_id: customer))
        #expect(still.handles.count == 2 && still.erased_at_ms == nil)
    }
}
