import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService
@testable import TicketsService

/// One customer across channels: handles, matching, merge and split.
@Suite("customers across channels", .timeLimit(.minutes(1)))
struct CustomerTests {
    static func contact(
        _ transport: InMemoryTransport, channel: Channel, handle: String, subject: String = "Vraag"
    ) async throws -> Tickets.Ticket {
        try await transport.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: handle, country: "NL", language: "nl"),
                channel: channel, product_category: "photo-products", subject: subject, body: "Hallo")
        ).ticket!
    }

    static func world() async throws -> (InMemoryTransport, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-customers-\(UUID())")
        let transport = InMemoryTransport()
        try await InMemoryTests.serve(transport, in: directory)
        return (transport, directory)
    }

    @Test("a WhatsApp message from a number added to a customer who mailed before is that customer's")
    func numberJoinsCustomer() async throws {
        let (transport, directory) = try await Self.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mail = try await Self.contact(transport, channel: .email, handle: "Anna@Example.nl")
        let customer = try #require(mail.customer?.customer_id)
        // The contact form's address is the same address, in any case.
        let form = try await Self.contact(transport, channel: .webForm, handle: "anna@example.nl")
        #expect(form.customer?.customer_id == customer)
        let added = try await transport.call(
            Tickets.addCustomerHandle, .init(customer_id: customer, channel: .whatsApp, handle: "+31 6 1234 5678"))
        #expect(added.handles.map(\.handle) == ["anna@example.nl", "+31612345678"])
        let whatsApp = try await Self.contact(transport, channel: .whatsApp, handle: "31612345678")
        #expect(whatsApp.customer?.customer_id == customer)
        let byNumber = try await transport.call(Tickets.getCustomer, .init(channel: .phone, handle: "+31612345678"))
        #expect(byNumber.customer_id == customer)
        let timeline = try await transport.call(Tickets.listTickets, .init(customer_id: customer)).tickets
        #expect(Set(timeline.compactMap(\.channel)) == [.email, .webForm, .whatsApp])
    }

    @Test("another customer's handle is refused naming them; merge joins two customers, split parts them again")
    func mergeAndSplit() async throws {
        let (transport, directory) = try await Self.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let anna = try #require(
            try await Self.contact(transport, channel: .email, handle: "anna@example.nl").customer?.customer_id)
        let other = try await Self.contact(transport, channel: .facebookMessenger, handle: "psid-7781")
        let messenger = try #require(other.customer?.customer_id)
        #expect(anna != messenger)
        let taken = await #expect(throws: RPCError.self) {
            try await transport.call(
                Tickets.addCustomerHandle, .init(customer_id: anna, channel: .facebookMessenger, handle: "psid-7781"))
        }
        #expect(taken?.code == .failedPrecondition && taken?.message.contains(messenger) == true)
        let merged = try await transport.call(
            Tickets.mergeCustomers, .init(customer_id: anna, merged_customer_id: messenger))
        #expect(merged.moved_tickets == 1 && merged.handles.count == 2)
        #expect(
            try await transport.call(Tickets.getTicket, .init(ticket_id: other.ticket_id)).ticket?.customer?.customer_id
                == anna)
        let split = try await transport.call(
            Tickets.splitCustomer,
            .init(customer_id: anna, handles: [.init(kind: .facebookMessenger, handle: "psid-7781")]))
        let newID = try #require(split.new_customer_id)
        #expect(split.moved_tickets == 1 && newID != anna)
        #expect(
            try await transport.call(Tickets.getTicket, .init(ticket_id: other.ticket_id)).ticket?.customer?.customer_id
                == newID)
        #expect(
            try await transport.call(Tickets.getCustomer, .init(customer_id: anna)).handles.map(\.handle) == [
                "anna@example.nl"
            ])
        let lastHandle = await #expect(throws: RPCError.self) {
            try await transport.call(
                Tickets.splitCustomer,
                .init(customer_id: anna, handles: [.init(kind: .email, handle: "anna@example.nl")]))
        }
        #expect(lastHandle?.code == .invalidArgument && lastHandle?.message.hasPrefix("handles") == true)
    }

    @Test("bad input names the field")
    func badInput() async throws {
        let (transport, directory) = try await Self.world()
        defer { try? FileManager.default.removeItem(at: directory) }
        let anna = try #require(
            try await Self.contact(transport, channel: .email, handle: "anna@example.nl").customer?.customer_id)
        let notANumber = await #expect(throws: RPCError.self) {
            try await transport.call(
                Tickets.addCustomerHandle, .init(customer_id: anna, channel: .whatsApp, handle: "call me"))
        }
        #expect(notANumber?.code == .invalidArgument && notANumber?.message.hasPrefix("handle") == true)
        let unknown = await #expect(throws: RPCError.self) {
            try await transport.call(Tickets.mergeCustomers, .init(customer_id: anna, merged_customer_id: "cus-nobody"))
        }
        #expect(unknown?.code == .notFound && unknown?.message.hasPrefix("merged_customer_id") == true)
        let same = await #expect(throws: RPCError.self) {
            try await transport.call(Tickets.mergeCustomers, .init(customer_id: anna, merged_customer_id: anna))
        }
        #expect(same?.code == .invalidArgument)
    }
}
