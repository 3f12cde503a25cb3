import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// The live chat in a real headless Chromium on a phone-sized screen, against the
/// stack as processes (staff, tickets, channels, web): the customer types a
/// message, an agent answers through tickets, and the reply appears in the page
/// over the WebSocket; the contact form fits the phone too. Screenshots go to
/// `artifacts/screenshots/chat-phone.png` and `contact-phone.png`.
@Suite("Browser: live chat", .serialized, .timeLimit(.minutes(4)))
struct ChatBrowserTests {
    @Test(
        "a customer chats in Chromium on a phone and sees the agent's reply appear",
        .enabled(if: Chromium.find() != nil, "skipped: chromium not found (scripts/bootstrap installs it)"))
    func chat() async throws {
        let chromium = try #require(Chromium.find())
        try await BrowserStack.run(start: { stack in
            for service in ["staff", "tickets", "channels"] { try await stack.start(service) }
        }) { stack, base in
            _ = try await stack.client.call(
                Tickets.setChannelCalendar,
                .init(calendar: .init(channel: .chat, country: "NL", time_zone: "Europe/Amsterdam", always_open: true)))
            let agent = try #require(
                try await stack.client.call(
                    Staff.createEmployee,
                    .init(
                        name: "Daan", email: "daan@example.com", country: "NL", start_date: "2025-01-06",
                        status: .active)
                ).employee?.employee_id)
            // The agent answers as soon as the customer's message has opened a ticket.
            let answer = Task {
                try await waitUntil("the chat ticket opens", timeout: .seconds(60)) {
                    try await !stack.client.call(Tickets.listTickets, .init(channels: [.chat])).tickets.isEmpty
                }
                let ticket = try await stack.client.call(Tickets.listTickets, .init(channels: [.chat])).tickets[0]
                _ = try await stack.client.call(
                    Tickets.addMessage,
                    .init(ticket_id: ticket.ticket_id, kind: .internalNote, author_id: agent, body: "Note: VIP"))
                _ = try await stack.client.call(
                    Tickets.addMessage,
                    .init(
                        ticket_id: ticket.ticket_id, kind: .publicReply, author_id: agent,
                        body: "Hi Noor, your book ships today."))
            }
            defer { answer.cancel() }
            let text = try await Chromium.session(path: chromium) { browser in
                try browser.openTab(width: 390, height: 844, mobile: true)
                try browser.navigate("\(base)/chat")
                try browser.waitForPage("the chat") { $0.hasSuffix("/chat") }
                try browser.waitForText("Your message")
                _ = try browser.evaluate(
                    "document.getElementById('chat-name').value = 'Noor'; document.getElementById('chat-text').value = 'Where is my photo book?'; document.querySelector('#chat-form button').click(); true"
                )
                try browser.waitForText("Where is my photo book?")
                try browser.waitForText("Hi Noor, your book ships today.", timeout: 40)
                try BrowserCheck.require(try BrowserTests.pageWidth(browser) <= 390, "the chat is wider than the phone")
                try browser.screenshot(to: BrowserTests.screenshots.appendingPathComponent("chat-phone.png"))
                let text = try browser.text()
                try browser.navigate("\(base)/contact")
                try browser.waitForText("Contact us")
                try BrowserCheck.require(
                    try BrowserTests.pageWidth(browser) <= 390, "the contact form is wider than the phone")
                try browser.screenshot(to: BrowserTests.screenshots.appendingPathComponent("contact-phone.png"))
                return text
            }
            try await answer.value
            #expect(!text.contains("Note: VIP"))
        }
    }
}
