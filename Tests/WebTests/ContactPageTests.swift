import Bus
import Contract
import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

@Suite("Contact form /contact", .timeLimit(.minutes(2)))
struct ContactPageTests {
    /// The form's fields as a customer fills them in.
    static func fields(_ form: WebSession.Page, email: String = "anna@example.nl") -> [(String, String)] {
        [
            ("csrf", form.hidden("csrf") ?? ""), ("once", form.hidden("once") ?? ""), ("name", "Anna de Vries"),
            ("email", email), ("subject", "Photo book arrived damaged"),
            ("message", "The cover of my photo book was torn when it arrived."),
        ]
    }

    /// The tickets on the contact form's channel.
    static func formTickets(_ world: WebWorld) async throws -> [Tickets.Ticket] {
        try await world.client.call(Tickets.listTickets, .init(channels: [.webForm], page_size: 50)).tickets
    }

    @Test("a sent form opens one ticket with the customer's message and thanks them with its reference")
    func sendsOneTicket() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.withWeb { web in
            let form = try await web.get("/contact")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<label for="contact-email">E-mail address</label>"#))
            #expect(form.body.contains("width=device-width"))
            let sent = try await web.post("/contact", Self.fields(form))
            #expect(sent.status == .ok)
            #expect(sent.body.contains("will answer by e-mail at anna@example.nl"))
            let tickets = try await Self.formTickets(world)
            #expect(tickets.count == 1)
            let ticket = try #require(tickets.first)
            #expect(sent.body.contains("Your reference: \(ticket.ticket_id ?? "-")"))
            #expect(ticket.subject == "Photo book arrived damaged")
            let full = try await world.client.call(Tickets.getTicket, .init(ticket_id: ticket.ticket_id)).ticket
            #expect(full?.messages.first?.body == "The cover of my photo book was torn when it arrived.")
            #expect(full?.customer?.handle == "anna@example.nl")
        }
        await world.shutdown()
    }

    @Test("posting the same form twice records one message and shows the same reference")
    func doublePostIsOne() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.withWeb { web in
            let form = try await web.get("/contact")
            let first = try await web.post("/contact", Self.fields(form))
            let second = try await web.post("/contact", Self.fields(form))
            #expect(first.status == .ok && second.status == .ok)
            let tickets = try await Self.formTickets(world)
            #expect(tickets.count == 1)
            let id = try #require(tickets.first?.ticket_id)
            #expect(first.body.contains(id) && second.body.contains(id))
            let full = try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket
            #expect(full?.messages.filter { $0.kind == .inbound }.count == 1)
        }
        await world.shutdown()
    }

    @Test("a bad address is named in the form, the typed text kept, and nothing is sent")
    func badAddress() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.withWeb { web in
            let form = try await web.get("/contact")
            let sent = try await web.post("/contact", Self.fields(form, email: "anna.example.nl"))
            #expect(sent.status == .badRequest)
            #expect(sent.body.contains("E-mail address: please enter an address like name@example.com."))
            #expect(sent.body.contains(#"aria-invalid="true" aria-describedby="contact-email-error""#))
            #expect(sent.body.contains(#"value="anna.example.nl""#))
            #expect(sent.body.contains("The cover of my photo book was torn when it arrived."))
            #expect(sent.body.contains(#"role="alert""#))
            #expect(try await Self.formTickets(world).isEmpty)
        }
        await world.shutdown()
    }

    @Test("an empty message and an over-long name are each named, in Dutch too")
    func limits() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.withWeb { web in
            web.setCookie("glimlach_lang", "nl")
            let form = try await web.get("/contact")
            var fields = Self.fields(form)
            fields[2] = ("name", String(repeating: "a", count: 201))
            fields[5] = ("message", "   ")
            let sent = try await web.post("/contact", fields)
            #expect(sent.status == .badRequest)
            #expect(sent.body.contains("Je naam: houd het bij 200 tekens."))
            #expect(sent.body.contains("Je bericht: vul dit in."))
            #expect(try await Self.formTickets(world).isEmpty)
        }
        await world.shutdown()
    }

    @Test("a post without the form's CSRF token sends nothing")
    func forged() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.withWeb { web in
            let form = try await web.get("/contact")
            var fields = Self.fields(form)
            fields[0] = ("csrf", "forged")
            let sent = try await web.post("/contact", fields)
            #expect(sent.status == .forbidden)
            #expect(sent.body.contains("The cover of my photo book was torn"))
            #expect(try await Self.formTickets(world).isEmpty)
        }
        await world.shutdown()
    }

    @Test("with channels unreachable the customer gets a kind 503 page with their text kept")
    func unavailable() async throws {
        let world = try await WebWorld(callTimeout: .milliseconds(500), tickets: true)
        try await world.withWeb { web in
            let form = try await web.get("/contact")
            let sent = try await web.post("/contact", Self.fields(form))
            #expect(sent.status == .serviceUnavailable)
            #expect(sent.body.contains("please try again in a moment"))
            #expect(sent.body.contains("The cover of my photo book was torn when it arrived."))
            #expect(sent.body.contains(#"value="anna@example.nl""#))
            #expect(!sent.body.contains("DEADLINE_EXCEEDED") && !sent.body.contains("UNAVAILABLE"))
        }
        await world.shutdown()
    }
}
