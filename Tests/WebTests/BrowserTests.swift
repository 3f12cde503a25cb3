import Bus
import Contract
import Domain
import Foundation
import HummingbirdBcrypt
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The whole stack as processes (bus, staff, tickets, feedback, analytics, web) and
/// a real headless Chromium: a customer answers on a phone-sized screen, a team lead
/// signs in and sees the answer on the dashboard. Screenshots of both go to
/// `artifacts/screenshots/` (gitignored).
@Suite("Browser: survey to dashboard", .serialized, .timeLimit(.minutes(4)))
struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let screenshots = root.appendingPathComponent("artifacts/screenshots")

    @Test(
        "a customer answers in Chromium and the dashboard shows it",
        .enabled(if: Chromium.find() != nil, "skipped: chromium not found (scripts/bootstrap installs it)"))
    func surveyToDashboard() async throws {
        let chromium = try #require(Chromium.find())
        try await BrowserStack.run(start: { stack in
            for service in ["staff", "tickets", "feedback", "analytics"] { try await stack.start(service) }
        }) { stack, base in try await Self.run(stack, base: base, chromium: chromium) }
    }

    static func run(_ stack: ProcessStack, base: String, chromium: String) async throws {

        let agent = try await stack.client.call(
            Staff.createEmployee,
            .init(name: "Noa", email: "noa@example.com", country: "NL", start_date: "2025-01-06", status: .active))
        let invitation = try await stack.client.call(
            Feedback.createInvitation,
            .init(
                attribution: .init(
                    agent_id: agent.employee?.employee_id, team_id: "team-experts", channel: .chat, country: "NL",
                    product_category: "photo-books"),
                customer_id: "cus-browser", customer_name: "Noor", language: "en", delay_ms: 0))
        let token = try #require(invitation.invitation?.token)
        let comment = "Browser test: the photo book arrived in time <3"

        try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 390, height: 844, mobile: true)
            try browser.navigate("\(base)/s/\(token)")
            try browser.waitForPage("the survey page") { $0.hasSuffix("/s/\(token)") }
            try browser.waitForText("Hello, Noor!")
            try BrowserCheck.require(try pageWidth(browser) <= 390, "the survey is wider than the phone")
            try browser.screenshot(to: screenshots.appendingPathComponent("survey.png"))
            _ = try browser.evaluate(
                "document.getElementById('comment').value = \(jsString(comment)); document.getElementById('consent').checked = true; document.querySelector('button[name=score][value=\"9\"]').click(); true"
            )
            try browser.waitForPage("the thank-you page") { $0.contains("/thanks") }
            try browser.waitForText("Thank you!")
            try BrowserCheck.require(try pageWidth(browser) <= 390, "the thank-you page is wider than the phone")
            try browser.screenshot(to: screenshots.appendingPathComponent("survey-thanks.png"))
        }

        // Staff put the quote on the wall; analytics catches up with the answer.
        let responses = try await stack.client.call(Feedback.listResponses, .init(page_size: 10)).responses
        #expect(responses.map(\.score) == [9])
        _ = try await stack.client.call(Feedback.createCompliment, .init(response_id: responses.first?.response_id))
        try await waitUntil("analytics counts the answer", timeout: .seconds(20)) {
            try await stack.client.call(Analytics.getNps, .init(window: lastDays())).total?.n == 1
        }

        let (text, walls) = try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 1280, height: 1800, mobile: false)
            try browser.navigate("\(base)/dashboard?days=7")
            try browser.waitForPage("the sign-in page") { $0.contains("/signin") }
            _ = try browser.evaluate(
                "document.getElementById('name').value = 'lisa'; document.getElementById('password').value = \(jsString(password)); document.querySelector('form button[type=submit]').click(); true"
            )
            try browser.waitForPage("the dashboard") { $0.contains("/dashboard?days=7") }
            let text = try browser.text()
            try browser.screenshot(to: screenshots.appendingPathComponent("dashboard.png"))
            // The same dashboard on a phone: nothing wider than its 390 px.
            try browser.resize(width: 390, height: 844, mobile: true)
            try browser.navigate("\(base)/dashboard?days=7&phone")
            try browser.waitForPage("the dashboard on a phone") { $0.hasSuffix("&phone") }
            try BrowserCheck.require(try pageWidth(browser) <= 390, "the dashboard is wider than the phone")
            try browser.screenshot(to: screenshots.appendingPathComponent("dashboard-phone.png"))
            // The wall and the office screen's quote tree fit the phone too.
            var walls: [String: (text: String, width: Int)] = [:]
            for (path, name) in [("/wall", "wall"), ("/wall/screen", "wall-screen")] {
                try browser.navigate("\(base)\(path)")
                try browser.waitForPage(path) { $0.hasSuffix(path) }
                walls[path] = (try browser.text(), try browser.screenshots(name, in: screenshots))
            }
            return (text, walls)
        }
        for (path, seen) in walls {
            #expect(seen.text.contains(comment), "\(path) shows the quote")
            #expect(seen.width <= 390, "\(path) is wider than the phone")
        }
        #expect(text.contains("Customer happiness"))
        #expect(text.contains("1 answer in the last 7 days"))
        #expect(text.contains(comment))
    }

    static let password = "browser-test-password"

    /// How wide the page's content is, in CSS pixels (wider than the screen: it scrolls sideways).
    static func pageWidth(_ browser: Chromium) throws -> Int {
        (try browser.evaluate("document.documentElement.scrollWidth") as? NSNumber)?.intValue ?? .max
    }

    static func lastDays() -> Domain.TimeWindow {
        let now = Date()
        return try! Domain.TimeWindow(
            from: now.addingTimeInterval(-7 * 86400), to: now.addingTimeInterval(86400), timeZone: .gmt)
    }

    static func jsString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text])
        return String(String(data: data, encoding: .utf8)!.dropFirst().dropLast())
    }

    /// Starts `web serve` on a free port with one user, and waits for /healthz.
    static func startWeb(_ stack: ProcessStack, environment extra: [String: String] = [:]) async throws -> (
        process: ChildProcess, base: String
    ) {
        let port = try #require(Int(try freeEndpoint().split(separator: ":").last ?? ""))
        let users = stack.dataDirectory.appendingPathComponent("web-users")
        try "lisa:\(Bcrypt.hash(password, cost: 4))\n".write(to: users, atomically: true, encoding: .utf8)
        let environment = stack.environment.merging([
            "GLIMLACH_WEB_USERS": users.path, "GLIMLACH_WEB_PORT": "\(port)", "GLIMLACH_WEB_TIME_ZONE": "UTC",
        ]) { $1 }.merging(extra) { $1 }
        let process = try ChildProcess("web", ["serve"], environment: environment)
        let base = "http://127.0.0.1:\(port)"
        try await waitUntil("web answers /healthz", timeout: .seconds(20)) {
            guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "\(base)/healthz")!) else {
                return false
            }
            return (response as? HTTPURLResponse)?.statusCode == 200
        }
        return (process, base)
    }
}
