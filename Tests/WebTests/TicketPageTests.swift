import Bus
import Contract
import Domain
import Foundation
import HTTPTypes
import Testing

@testable import WebService

/// bcrypt at staff's real cost is slow on a busy machine: calls may take 20 s here.
@Suite("Agent ticket page", .timeLimit(.minutes(3)))
struct TicketPageTests {
    /// A ticket form's fields: the page's CSRF token, a fresh idempotency key, then `fields`.
    static func form(_ page: WebSession.Page, _ fields: [(String, String)]) -> [(String, String)] {
        [("csrf", page.hidden("csrf") ?? ""), ("once", UUID().uuidString)] + fields
    }

    @Test(
        "an agent opens their ticket, adds an internal note and a public reply, and grants a gesture within budget"
    )
    func works() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 5000)
        let agent = desk.people.agent
        let id = try await desk.ticket("Photo book arrived damaged", assignee: agent)
        _ = try await desk.ticket(
            "Earlier order question", minutesAgo: 600, assignee: desk.people.colleague)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            #expect(try await web.get("/inbox").body.contains(#"href="/tickets/\#(id)""#))
            let page = try await web.get("/tickets/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("The cover of my photo book is torn."))
            #expect(page.body.contains("A gift for her grandmother&#39;s 80th birthday"))
            #expect(page.body.contains("Earlier order question"))  // the customer's other contact
            #expect(page.body.contains("Team: Experts"))  // the team's name, not its id
            #expect(page.body.contains("Your budget left this month: €50.00 of €50.00."))

            let noted = try await web.post(
                "/tickets/\(id)/note", Self.form(page, [("body", "Grandma's party is on Saturday")]))
            #expect(noted.status == .seeOther && noted.location == "/tickets/\(id)")
            let afterNote = try await web.get("/tickets/\(id)").body
            #expect(afterNote.contains(#"role="status">Your note was added."#))
            #expect(afterNote.contains(#"<div class="card internal"><p class="tag">Internal note"#))

            let replied = try await web.post(
                "/tickets/\(id)/reply", Self.form(page, [("body", "A new book is on its way today.")]))
            #expect(replied.status == .seeOther)
            #expect(try await web.get("/tickets/\(id)").body.contains("Your reply was sent."))
            let messages = try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket!
                .messages
            let reply = messages.first { $0.body == "A new book is on its way today." }
            let note = messages.first { $0.body == "Grandma's party is on Saturday" }
            #expect(reply?.kind == .publicReply && reply?.author_id == agent)
            #expect(note?.kind == .internalNote && note?.author_id == agent)

            let granted = try await web.post(
                "/tickets/\(id)/gesture",
                Self.form(
                    page,
                    [
                        ("kind", "gift"), ("amount", "12,50"), ("description", "Flowers for grandma"),
                        ("currency", "EUR"),
                    ]))
            #expect(granted.status == .seeOther)
            let afterGesture = try await web.get("/tickets/\(id)").body
            #expect(
                afterGesture.contains("Granted: €12.50. Your budget left this month: €37.50."),
                "\(afterGesture)")
            #expect(afterGesture.contains("Your budget left this month: €37.50 of €50.00."))
            #expect(afterGesture.contains("Flowers for grandma"))
            // The message is shown once.
            #expect(!(try await web.get("/tickets/\(id)").body.contains("Granted: €12.50")))
        }
        await world.shutdown()
    }

    @Test(
        "over budget the gesture waits for the lead's approval; the service's refusal is shown in the page"
    )
    func refusals() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 1000)
        let id = try await desk.ticket("Photo book arrived damaged", assignee: desk.people.agent)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let page = try await web.get("/tickets/\(id)")
            _ = try await web.post(
                "/tickets/\(id)/gesture",
                Self.form(
                    page, [("kind", "service"), ("amount", "25"), ("description", "A hairdresser visit")]))
            let waiting = try await web.get("/tickets/\(id)").body
            #expect(
                waiting.contains(
                    "Over your budget: the gesture of €25.00 waits for your lead&#39;s approval."))
            #expect(waiting.contains("Your budget left this month: €10.00 of €10.00."))

            _ = try await web.post("/tickets/\(id)/resolve", Self.form(page, [("summary", "  ")]))
            let refused = try await web.get("/tickets/\(id)").body
            #expect(refused.contains(#"role="alert">summary: must not be empty"#), "\(refused)")

            _ = try await web.post(
                "/tickets/\(id)/gesture", Self.form(page, [("amount", "twelve"), ("description", "x")]))
            #expect(
                try await web.get("/tickets/\(id)").body.contains(#"role="alert">amount: enter an amount"#))

            _ = try await web.post(
                "/tickets/\(id)/escalate", Self.form(page, [("reason", "Third damaged book")]))
            let escalated = try await web.get("/tickets/\(id)").body
            #expect(
                escalated.contains("Handed to Special Care.") && escalated.contains("Third damaged book"))
            #expect(
                try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.special_care
                    == true)
        }
        await world.shutdown()
    }

    @Test("an agent takes an unassigned ticket from the team's queue and it becomes theirs")
    func take() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let id = try await desk.ticket("Where is my calendar?", team: desk.team)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            #expect(try await web.get("/inbox?tab=unassigned").body.contains(#"href="/tickets/\#(id)""#))
            let page = try await web.get("/tickets/\(id)")
            #expect(page.body.contains("Take this ticket"))
            let taken = try await web.post("/tickets/\(id)/take", Self.form(page, []))
            #expect(taken.status == .seeOther)
            let after = try await web.get("/tickets/\(id)").body
            #expect(after.contains("The ticket is yours now."))
            #expect(!after.contains("Take this ticket"))
            #expect(try await web.get("/inbox?tab=mine").body.contains(#"href="/tickets/\#(id)""#))
        }
        let ticket = try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket
        #expect(ticket?.assignee_id == desk.people.agent)
        await world.shutdown()
    }

    @Test("a ticket form without the session's CSRF token is refused and changes nothing")
    func csrf() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let id = try await desk.ticket("Photo book arrived damaged", assignee: desk.people.agent)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let forged = try await web.post(
                "/tickets/\(id)/reply", [("csrf", "forged"), ("body", "Hello")])
            #expect(forged.status == .forbidden)
        }
        let messages = try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket!
            .messages
        #expect(!messages.contains { $0.body == "Hello" })
        await world.shutdown()
    }

    @Test("the ticket page speaks Dutch, money included")
    func dutch() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let id = try await desk.ticket("Fotoboek beschadigd", assignee: desk.people.agent)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let body = try await web.get("/tickets/\(id)", headers: [.acceptLanguage: "nl"]).body
            #expect(body.contains("Het verhaal achter de aankoop") && body.contains("Antwoord versturen"))
            let fifty = Language.nl.money(Money(minorUnits: 5000, currency: .eur))  // "€ 50,00"
            #expect(body.contains("Uw budget deze maand: nog \(fifty) van \(fifty)."), "\(body)")
        }
        await world.shutdown()
    }
}
