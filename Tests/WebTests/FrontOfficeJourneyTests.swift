import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

/// The front office end to end, as processes and a real headless Chromium: an agent
/// takes a ticket, notes, replies and grants gestures; the lead approves the one over
/// budget; the customer answers the survey in Dutch on a phone; personal NPS moves
/// for the agent and the lead; a colleague is refused the agent's one-to-ones. Every
/// screen on the way is kept as a screenshot at desktop and phone width.
@Suite("Browser: the front office end to end", .serialized, .timeLimit(.minutes(6)))
struct FrontOfficeJourneyTests {
    static let screenshots = BrowserTests.screenshots
    static let password = "a long enough password"

    @Test(
        "agent, lead, customer and colleague each see and may do what the practice says",
        .enabled(if: Chromium.find() != nil, "skipped: chromium not found (scripts/bootstrap installs it)"))
    func journey() async throws {
        let chromium = try #require(Chromium.find())
        try await BrowserStack.run(start: { stack in
            for service in ["staff", "tickets"] { try await stack.start(service) }
            try await stack.start("feedback", arguments: ["--survey-delay-ms", "0"])
            try await stack.start("analytics")
        }) { stack, base in try await Self.run(stack, base: base, chromium: chromium) }
    }

    static func run(_ stack: ProcessStack, base: String, chromium: String) async throws {
        let office = try await Office(stack.client, password: password)

        let ticket = try await office.ticket("Fotoboek kwam beschadigd aan")
        let shots = screenshots

        let (widths, dashboardBefore) = try await Chromium.session(path: chromium) { browser in
            var widths: [String: Int] = [:]
            try browser.openTab(width: 1280, height: 900, mobile: false)
            try browser.navigate("\(base)/signin")
            try browser.waitForPage("the sign-in page") { $0.hasSuffix("/signin") }
            widths["signin"] = try browser.screenshots("signin", in: shots)
            try browser.signIn(base, email: Office.agentEmail, password: password, then: "/inbox?tab=unassigned")
            try browser.waitForText("Fotoboek kwam beschadigd aan")
            widths["inbox"] = try browser.screenshots("inbox", in: shots)
            _ = try browser.evaluate("document.querySelector('a[href=\"/tickets/\(ticket)\"]').click(); true")
            try browser.waitForPage("the ticket") { $0.hasSuffix("/tickets/\(ticket)") }
            try browser.press("Take this ticket")
            try browser.waitForText("The ticket is yours now.")
            try browser.submit(["note": "Grandma's 80th birthday party is on Saturday"])
            try browser.waitForText("Your note was added.")
            try browser.submit(["reply": "Een nieuw fotoboek is vandaag onderweg."])
            try browser.waitForText("Your reply was sent.")
            try browser.submit(["amount": "12,50", "description": "Flowers for grandma"])
            try browser.waitForText("Granted: €12.50. Your budget left this month: €7.50.")
            try browser.submit(["amount": "25", "description": "A hairdresser visit"])
            try browser.waitForText("the gesture of €25.00 waits for your lead's approval")
            widths["ticket"] = try browser.screenshots("ticket", in: shots)
            try browser.navigate("\(base)/dashboard?days=7&min=1")
            try browser.waitForPage("the agent's dashboard") { $0.hasSuffix("min=1") }
            return (widths, try Self.content(browser))
        }

        #expect(!dashboardBefore.contains("1. Wim Jansen"), "no answer yet")

        // The lead approves the gesture over budget on the team screen.
        let (lead, approved) = try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 1280, height: 900, mobile: false)
            try browser.signIn(base, email: Office.leadEmail, password: password, then: "/team")
            try browser.waitForText("A hairdresser visit")
            let width = try browser.screenshots("team", in: shots)
            try browser.press("Approve")
            try browser.waitForText("Approved: the gesture of €25.00")
            return (width, try browser.text())
        }
        #expect(approved.contains("Approved: the gesture of €25.00 by Wim Jansen is granted."), "\(approved)")
        let gestures = try await stack.client.call(Tickets.getTicket, .init(ticket_id: ticket)).ticket?.gestures ?? []
        #expect(gestures.map(\.outcome) == [.granted, .granted], "both gestures granted after the lead's approval")

        try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 1280, height: 900, mobile: false)
            try browser.signIn(base, email: Office.agentEmail, password: password, then: "/tickets/\(ticket)")
            try browser.submit(["summary": "New book sent, flowers for grandma"])
            try browser.waitForText("Resolved.")
        }
        let messages = try await stack.client.call(Tickets.getTicket, .init(ticket_id: ticket)).ticket?.messages ?? []
        #expect(messages.contains { $0.kind == .internalNote && $0.author_id == office.agent })
        #expect(messages.contains { $0.kind == .publicReply && $0.body == "Een nieuw fotoboek is vandaag onderweg." })

        // The customer answers in Dutch on a phone.
        let token = try await office.invitation(ticket)
        let (customer, lang) = try await Chromium.session(path: chromium) { browser in
            var widths: [String: Int] = [:]
            try browser.openTab(width: 390, height: 844, mobile: true)
            try browser.navigate("\(base)/s/\(token)")
            try browser.waitForPage("the survey") { $0.hasSuffix("/s/\(token)") }
            try browser.waitForText("Hallo Anna de Vries!")
            let lang = try browser.evaluate("document.documentElement.lang") as? String
            widths["survey"] = try browser.screenshots("survey-nl", in: shots)
            _ = try browser.evaluate(
                "document.getElementById('comment').value = 'Wim was geweldig'; document.querySelector('button[name=score][value=\"10\"]').click(); true"
            )
            try browser.waitForPage("the thank-you page") { $0.contains("/thanks") }
            try browser.waitForText("Bedankt!")
            widths["thanks"] = try browser.screenshots("survey-thanks-nl", in: shots)
            return (widths, lang)
        }
        #expect(lang == "nl")
        try await office.waitForAnalytics(agentAnswers: 1)

        // The agent's personal NPS and the lead's view move.
        for (email, name) in [(Office.agentEmail, "agent"), (Office.leadEmail, "lead")] {
            let seen = try await Chromium.session(path: chromium) { browser in
                try browser.openTab(width: 1280, height: 900, mobile: false)
                try browser.signIn(base, email: email, password: password, then: "/dashboard?days=7&min=1")
                let content = try Self.content(browser)
                let width = try browser.screenshots("dashboard-\(name)", in: shots)
                return (content, width)
            }
            #expect(seen.0.contains("1. Wim Jansen"), "\(name)'s dashboard ranks the agent")
            #expect(seen.1 <= 390, "\(name)'s dashboard is wider than the phone")
        }

        // A colleague cannot read the agent's one-to-ones: not in the page, not through the bus.
        let refused = try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 1280, height: 900, mobile: false)
            let path = "/people/\(office.agent)/one-to-ones"
            try browser.signIn(base, email: Office.colleagueEmail, password: password, then: path)
            let text = try browser.text()
            return (text, try browser.screenshots("one-to-ones-refused", in: shots))
        }
        #expect(
            refused.0.contains("one-to-ones and plans (onboarding and the offer too) are seen only by the employee"))
        #expect(!refused.0.contains("Wants to coach new colleagues"))
        let viaBus = await #expect(throws: RPCError.self) {
            try await stack.client.call(
                Staff.listOneToOneNotes, .init(employee_id: office.agent),
                options: CallOptions(timeout: .seconds(20), actor: office.colleague))
        }
        #expect(viaBus?.code == .permissionDenied)

        for (screen, width) in widths.merging(customer, uniquingKeysWith: { $1 }).merging(["team": lead]) { $1 } {
            #expect(width <= 390, "\(screen) is wider than the phone")
        }
    }

    /// The page's whole text, the charts' labels included.
    static func content(_ browser: Chromium) throws -> String {
        (try browser.evaluate("document.body.textContent") as? String) ?? ""
    }
}
