import Bus
import Contract
import Domain
import Testing

@testable import ChannelsService

/// Customer messages in: a ticket per conversation, each message once.
@Suite("channels: messages in", .timeLimit(.minutes(1)))
struct IntakeTests {
    @Test(
        "a contact form message opens a ticket with the customer and the message; the same message again is recorded once"
    )
    func contactFormOpensTicketOnce() async throws {
        let desk = try await ServiceDesk()
        let first = try await desk.receive(
            "My photo book arrived with a torn cover.", channel: .webForm, id: "form-1", subject: "Torn photo book")
        #expect(first.opened_ticket == true)
        let again = try await desk.receive(
            "My photo book arrived with a torn cover.", channel: .webForm, id: "form-1", subject: "Torn photo book")
        #expect(again.ticket_id == first.ticket_id && again.message_id == first.message_id)
        #expect(again.opened_ticket == false)
        let ticket = try await desk.ticket(first.ticket_id!)
        #expect(ticket.subject == "Torn photo book")
        #expect(ticket.channel == .webForm)
        #expect(ticket.customer?.handle == "anna@example.nl" && ticket.customer?.name == "Anna de Vries")
        #expect(
            ticket.messages.filter { $0.kind == .inbound }.map(\.body) == ["My photo book arrived with a torn cover."])
    }

    @Test("two contact forms from one address are two contacts, two tickets")
    func contactFormsAreContacts() async throws {
        let desk = try await ServiceDesk()
        let first = try await desk.receive("Where is my order?", channel: .webForm, id: "form-a", subject: "Order")
        let second = try await desk.receive(
            "Can I change my address?", channel: .webForm, id: "form-b", subject: "Address")
        #expect(first.opened_ticket == true && second.opened_ticket == true)
        #expect(first.ticket_id != second.ticket_id)
    }

    @Test("messages of one conversation join its ticket; after the ticket is closed the conversation opens a new one")
    func conversationJoinsTicket() async throws {
        let desk = try await ServiceDesk()
        let first = try await desk.receive(
            "Hoi, waar blijft mijn bestelling?", channel: .whatsApp, handle: "+31612345678", id: "wamid.1",
            conversation: "pn-1:31612345678")
        let second = try await desk.receive(
            "Ordernummer 1234", channel: .whatsApp, handle: "+31612345678", id: "wamid.2",
            conversation: "pn-1:31612345678")
        #expect(second.ticket_id == first.ticket_id && second.opened_ticket == false)
        #expect(try await desk.ticket(first.ticket_id!).messages.count == 2)
        _ = try await desk.call(
            Tickets.resolveTicket, .init(ticket_id: first.ticket_id, summary: "Sent the tracking link"))
        _ = try await desk.call(Tickets.closeTicket, .init(ticket_id: first.ticket_id))
        let later = try await desk.receive(
            "Nieuwe vraag", channel: .whatsApp, handle: "+31612345678", id: "wamid.3",
            conversation: "pn-1:31612345678")
        #expect(later.opened_ticket == true && later.ticket_id != first.ticket_id)
    }

    @Test("an e-mail joins its ticket by the mail it answers, or by the ticket reference in its subject")
    func mailThreading() async throws {
        let desk = try await ServiceDesk()
        let handlers = desk.channels.handlers
        func mail(_ id: String, subject: String, references: [String] = [], from: String = "anna@example.nl")
            -> InboundMessage
        {
            InboundMessage(
                channel: .email, handle: from, name: "Anna de Vries", language: "nl", country: "NL",
                conversationKey: id, subject: subject, body: "Text of \(id)", externalID: id,
                mailReferences: references,
                mailID: id)
        }
        let (first, opened) = try await handlers.take(mail("m1@mail.example", subject: "Kapotte fotoboek"))
        #expect(opened)
        let (reply, joined) = try await handlers.take(
            mail("m2@mail.example", subject: "Re: Kapotte fotoboek", references: ["m1@mail.example"]))
        #expect(!joined && reply.ticketID == first.ticketID)
        let (byReference, _) = try await handlers.take(
            mail("m3@other.example", subject: "Nog een vraag [#\(first.ticketID)]", from: "anna@work.example"))
        #expect(byReference.ticketID == first.ticketID)
        let (unknownReference, openedNew) = try await handlers.take(
            mail("m4@mail.example", subject: "Vraag [#tkt-does-not-exist]"))
        #expect(openedNew && unknownReference.ticketID != first.ticketID)
    }

    @Test("bad input is refused naming the field")
    func badInput() async throws {
        let desk = try await ServiceDesk()
        let missingBody = await #expect(throws: RPCError.self) {
            try await desk.call(
                Channels.receiveMessage, .init(channel: .webForm, handle: "anna@example.nl", external_id: "x"))
        }
        #expect(missingBody?.code == .invalidArgument && missingBody?.message.hasPrefix("body") == true)
        let phone = await #expect(throws: RPCError.self) {
            try await desk.call(
                Channels.receiveMessage, .init(channel: .phone, handle: "+31612345678", body: "hi", external_id: "x"))
        }
        #expect(phone?.code == .invalidArgument && phone?.message.hasPrefix("channel") == true)
        let address = await #expect(throws: RPCError.self) {
            try await desk.call(
                Channels.receiveMessage, .init(channel: .email, handle: "not an address", body: "hi", external_id: "x"))
        }
        #expect(address?.code == .invalidArgument && address?.message.hasPrefix("handle") == true)
    }
}
