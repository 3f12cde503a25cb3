import Bus
import Contract
import Domain
import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

@Suite("Live chat /chat", .timeLimit(.minutes(2)))
struct ChatTests {
    /// The chat tickets tickets holds.
    static func chatTickets(_ world: WebWorld) async throws -> [Tickets.Ticket] {
        try await world.client.call(Tickets.listTickets, .init(channels: [.chat], page_size: 50)).tickets
    }

    @Test("a customer's message over the WebSocket opens a CHAT ticket and comes back in the conversation")
    func messageOpensTicket() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.openChatAllDay()
        try await world.withLiveWeb { web, port in
            let page = try await web.get("/chat")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<script src="/chat.js" defer></script>"#))
            #expect(page.body.contains(#"role="log""#))
            try await ChatPeer.talk(port: port, cookies: web.cookies) { chat in
                try await chat.wait(for: "open hours") { $0.type == "hours" && $0.open == true }
                let id = try await chat.send("Where is my photo book?", name: "Anna")
                try await chat.wait(for: "sent") { $0.type == "sent" && $0.id == id }
                try await chat.wait(for: "own message") {
                    $0.lines?.contains { $0.from == "customer" && $0.text == "Where is my photo book?" } == true
                }
            }
            let tickets = try await Self.chatTickets(world)
            #expect(tickets.count == 1)
            #expect(tickets.first?.customer?.name == "Anna")
            #expect(tickets.first?.customer?.handle?.hasPrefix("visitor-") == true)
            let again = try await web.get("/chat")
            #expect(again.body.contains("Where is my photo book?"))
        }
        await world.shutdown()
    }

    @Test("an agent's public reply arrives on the socket; an internal note never does")
    func replyArrivesNoteNever() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.openChatAllDay()
        try await world.withLiveWeb(adjust: { $0.chatPollEvery = .milliseconds(200) }) { web, port in
            _ = try await web.get("/chat")
            try await ChatPeer.talk(port: port, cookies: web.cookies) { chat in
                let id = try await chat.send("My book has a torn cover")
                try await chat.wait(for: "sent") { $0.type == "sent" && $0.id == id }
                let ticket = try #require(try await Self.chatTickets(world).first?.ticket_id)
                _ = try await world.client.call(
                    Tickets.addMessage,
                    .init(
                        ticket_id: ticket, kind: .internalNote, author_id: world.sam,
                        body: "Internal: the printer had a bad batch"))
                _ = try await world.client.call(
                    Tickets.addMessage,
                    .init(
                        ticket_id: ticket, kind: .publicReply, author_id: world.sam,
                        body: "Sorry! A new book is on its way."))
                let frame = try await chat.wait(for: "the agent's reply") {
                    $0.lines?.contains { $0.from == "agent" && $0.text == "Sorry! A new book is on its way." } == true
                }
                #expect(frame.lines?.map(\.text) == ["My book has a torn cover", "Sorry! A new book is on its way."])
                #expect(!chat.frames.contains { $0.json.contains("printer had a bad batch") })
            }
            let page = try await web.get("/chat")
            #expect(page.body.contains("Sorry! A new book is on its way."))
            #expect(!page.body.contains("printer had a bad batch"))
        }
        await world.shutdown()
    }

    @Test("a second visitor sees none of the first's conversation, on the page or the socket")
    func visitorsApart() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.openChatAllDay()
        try await world.withLiveWeb { first, port in
            _ = try await first.get("/chat")
            try await ChatPeer.talk(port: port, cookies: first.cookies) { chat in
                let id = try await chat.send("My order number is 4711")
                try await chat.wait(for: "sent") { $0.type == "sent" && $0.id == id }
            }
            let second = WebSession(first.client)
            let page = try await second.get("/chat")
            #expect(second.cookies[Sessions.visitorCookie] != first.cookies[Sessions.visitorCookie])
            #expect(!page.body.contains("4711"))
            try await ChatPeer.talk(port: port, cookies: second.cookies) { chat in
                try await chat.wait(for: "an empty conversation") { $0.type == "conversation" }
                try await Task.sleep(for: .milliseconds(1500))
                #expect(!chat.frames.contains { $0.json.contains("4711") })
            }
            // Without a visitor cookie, or from another site's page, there is no socket.
            await #expect(throws: (any Error).self) {
                try await ChatPeer.talk(port: port, cookies: [:]) { _ in }
            }
            await #expect(throws: (any Error).self) {
                try await ChatPeer.talk(port: port, cookies: first.cookies, origin: "https://evil.example") { _ in }
            }
        }
        await world.shutdown()
    }

    @Test("outside the chat's hours the page and the socket say when chat opens and offer the contact form")
    func closedSaysWhen() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        let today = LocalDate(containing: Date(), in: zone)
        _ = try await world.client.call(
            Tickets.setChannelCalendar,
            .init(
                calendar: .init(
                    channel: .chat, country: "NL", time_zone: zone.identifier,
                    hours: (1...7).map { .init(weekday: UInt32($0), from_minute: 480, until_minute: 1380) },
                    closed_dates: [today.description])))
        try await world.withLiveWeb { web, port in
            let page = try await web.get("/chat")
            #expect(page.body.contains("Chat opens tomorrow at 08:00."))
            #expect(page.body.contains(#"<a href="/contact">Write to us instead</a>"#))
            web.setCookie("glimlach_lang", "fr")
            #expect(try await web.get("/chat").body.contains("Le chat ouvre demain à 08:00."))
            web.setCookie("glimlach_lang", nil)
            try await ChatPeer.talk(port: port, cookies: web.cookies) { chat in
                try await chat.wait(for: "closed hours") {
                    $0.type == "hours" && $0.open == false && $0.text == "Chat opens tomorrow at 08:00."
                }
                let id = try await chat.send("Are you there?")
                try await chat.wait(for: "refusal") {
                    $0.type == "refused" && $0.id == id && $0.text == "Chat opens tomorrow at 08:00."
                }
            }
            #expect(try await Self.chatTickets(world).isEmpty)
        }
        await world.shutdown()
    }

    @Test("a socket without messages closes after the idle time, saying so")
    func idleCloses() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.openChatAllDay()
        try await world.withLiveWeb(adjust: { $0.chatIdleFor = .seconds(1) }) { web, port in
            _ = try await web.get("/chat")
            try await ChatPeer.talk(port: port, cookies: web.cookies) { chat in
                try await chat.wait(for: "closed") { $0.type == "closed" }
                let deadline = ContinuousClock.now + .seconds(5)
                while !chat.closed, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(chat.closed)
            }
        }
        await world.shutdown()
    }

    @Test("a message the widget should not send is refused naming the field")
    func badMessage() async throws {
        let world = try await WebWorld(tickets: true, channels: true)
        try await world.openChatAllDay()
        try await world.withLiveWeb { web, port in
            _ = try await web.get("/chat")
            try await ChatPeer.talk(port: port, cookies: web.cookies) { chat in
                let empty = try await chat.send("   ")
                try await chat.wait(for: "empty refused") {
                    $0.id == empty && $0.text == "text: please type a message."
                }
                let long = try await chat.send(String(repeating: "x", count: 2001))
                try await chat.wait(for: "long refused") {
                    $0.id == long && $0.text == "text: please keep it to 2000 characters."
                }
            }
            #expect(try await Self.chatTickets(world).isEmpty)
        }
        await world.shutdown()
    }
}
