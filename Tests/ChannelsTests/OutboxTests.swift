import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import ChannelsService

/// Replies and surveys out: from channels' outbox, once, with their state visible.
@Suite("channels: replies and surveys out", .timeLimit(.minutes(1)))
struct OutboxTests {
    @Test("an agent's public reply goes out once on the ticket's thread, and shows as sent")
    func replyDeliveredOnce() async throws {
        let desk = try await ServiceDesk()
        let handlers = desk.channels.handlers
        let (first, _) = try await handlers.take(
            InboundMessage(
                channel: .email, handle: "anna@example.nl", name: "Anna de Vries", language: "nl", country: "NL",
                conversationKey: "m1@mail.example", subject: "Kapotte fotoboek", body: "De kaft is gescheurd.",
                externalID: "m1@mail.example", mailID: "m1@mail.example"))
        let messageID = try await desk.reply("Wat vervelend! We sturen een nieuw boek.", on: first.ticketID)
        try await desk.sync()
        #expect(try await desk.deliveries(first.ticketID).map(\.state) == [.queued])
        await desk.channels.deliveries.deliverDue()
        await desk.channels.deliveries.deliverDue()
        let sent = desk.outlet.sent.withLock { $0 }
        #expect(sent.count == 1)
        #expect(sent.first?.recipient == "anna@example.nl")
        #expect(sent.first?.body == "Wat vervelend! We sturen een nieuw boek.")
        #expect(sent.first?.subject == "Re: Kapotte fotoboek [#\(first.ticketID)]")
        #expect(sent.first?.inReplyTo == "m1@mail.example")
        #expect(sent.first?.references == ["m1@mail.example"])
        let delivery = try #require(try await desk.deliveries(first.ticketID).first)
        #expect(delivery.state == .sent && delivery.message_id == messageID && delivery.attempts == 1)
        #expect(delivery.external_id == "ext-\(messageID)@glimlach.invalid")
        // The customer's answer to the reply joins the ticket by its Message-ID.
        let (answer, opened) = try await handlers.take(
            InboundMessage(
                channel: .email, handle: "anna@example.nl", name: "Anna de Vries", language: "nl", country: "NL",
                conversationKey: "m2@mail.example", subject: "Re: Kapotte fotoboek", body: "Dank je!",
                externalID: "m2@mail.example", mailReferences: ["\(messageID)@glimlach.invalid"],
                mailID: "m2@mail.example"))
        #expect(!opened && answer.ticketID == first.ticketID)
    }

    @Test("a failure that passes is retried; a final one shows FAILED with the reason until an agent retries it")
    func failuresAndRetry() async throws {
        let desk = try await ServiceDesk()
        let ticket = try await desk.receive("Waar is mijn pakket?", id: "form-2", subject: "Pakket")
        desk.outlet.failures.withLock {
            $0 = [.passing("421 try again later"), .final("550 mailbox unavailable: anna@example.nl")]
        }
        _ = try await desk.reply("Het komt morgen.", on: ticket.ticket_id!)
        try await desk.sync()
        await desk.channels.deliveries.deliverDue()
        var delivery = try #require(try await desk.deliveries(ticket.ticket_id!).first)
        #expect(delivery.state == .queued && delivery.attempts == 1 && delivery.last_error == "421 try again later")
        try await Task.sleep(for: .milliseconds(20))
        await desk.channels.deliveries.deliverDue()
        delivery = try #require(try await desk.deliveries(ticket.ticket_id!).first)
        #expect(delivery.state == .failed && delivery.last_error == "550 mailbox unavailable: anna@example.nl")
        #expect(desk.outlet.sent.withLock { $0.isEmpty })
        let retried = try await desk.call(Channels.retryDelivery, .init(delivery_id: delivery.delivery_id))
        #expect(retried.delivery?.state == .queued && retried.delivery?.attempts == 0)
        await desk.channels.deliveries.deliverDue()
        #expect(try await desk.deliveries(ticket.ticket_id!).first?.state == .sent)
        #expect(desk.outlet.sent.withLock { $0.count } == 1)
        let notFailed = await #expect(throws: RPCError.self) {
            try await desk.call(Channels.retryDelivery, .init(delivery_id: delivery.delivery_id))
        }
        #expect(notFailed?.code == .failedPrecondition)
    }

    @Test("a reply on a channel with no outlet is skipped saying so; a phone reply queues nothing")
    func unconnectedChannels() async throws {
        let desk = try await ServiceDesk(outlets: [])
        let mail = try await desk.receive("Vraag", id: "form-3", subject: "Vraag")
        _ = try await desk.reply("Antwoord", on: mail.ticket_id!)
        let phone = try await desk.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Bas", handle: "+31612345678", country: "NL"), channel: .phone,
                product_category: "photo-products", subject: "Bel", body: "Gebeld"))
        _ = try await desk.reply("Telefonisch uitgelegd", on: phone.ticket!.ticket_id!)
        try await desk.sync()
        await desk.channels.deliveries.deliverDue()
        let delivery = try #require(try await desk.deliveries(mail.ticket_id!).first)
        #expect(delivery.state == .skipped && delivery.last_error == "E-mail is not connected to Glimlach")
        #expect(try await desk.deliveries(phone.ticket!.ticket_id!).isEmpty)
    }

    @Test("a due survey reaches the customer with its link, in their language; a survey answered first is not sent")
    func surveyDelivered() async throws {
        var settings = ChannelsSettings()
        settings.company = "Fotofabriek"
        settings.surveyBaseURL = "https://service.example/"
        let desk = try await ServiceDesk(settings: settings)
        let contact = try await desk.receive("Mijn fotoboek is kapot", id: "form-4", subject: "Kapot fotoboek")
        _ = try await desk.call(
            Tickets.assignTicket, .init(ticket_id: contact.ticket_id, assignee_id: desk.agentID))
        _ = try await desk.reply("We sturen een nieuw boek.", on: contact.ticket_id!)
        _ = try await desk.call(Tickets.resolveTicket, .init(ticket_id: contact.ticket_id, summary: "Nieuw boek"))
        try await desk.sync()
        await desk.channels.deliveries.deliverDue()
        let survey = try #require(desk.outlet.sent.withLock { $0.first { $0.automatic } })
        let invitation = try #require(
            try await desk.call(Feedback.listInvitations, .init(ticket_id: contact.ticket_id)).invitations.first)
        let token = try #require(
            try await desk.call(Feedback.getInvitation, .init(invitation_id: invitation.invitation_id)).invitation?
                .token)
        #expect(survey.recipient == "anna@example.nl")
        #expect(survey.subject == "Zou je Fotofabriek aanbevelen?")
        #expect(survey.body.contains("https://service.example/s/\(token)"))
        #expect(survey.body.contains("\"Kapot fotoboek\""))
        #expect(survey.unsubscribeURL == "https://service.example/s/\(token)/opt-out")

        // A second contact, answered before its survey is sent: the survey is skipped.
        let other = try await desk.receive("Nog iets", handle: "bas@example.nl", id: "form-5", subject: "Iets")
        _ = try await desk.call(Tickets.assignTicket, .init(ticket_id: other.ticket_id, assignee_id: desk.agentID))
        _ = try await desk.call(Tickets.resolveTicket, .init(ticket_id: other.ticket_id, summary: "Geholpen"))
        try await desk.sync()
        let second = try #require(
            try await desk.call(Feedback.listInvitations, .init(ticket_id: other.ticket_id)).invitations.first)
        let secondToken = try #require(
            try await desk.call(Feedback.getInvitation, .init(invitation_id: second.invitation_id)).invitation?.token)
        _ = try await desk.call(Feedback.submitResponse, .init(token: secondToken, score: 9))
        await desk.channels.deliveries.deliverDue()
        let skipped = try #require(try await desk.deliveries(other.ticket_id!).first { $0.kind == .survey })
        #expect(skipped.state == .skipped && skipped.last_error == "the survey is answered already and was not sent")
    }
}
