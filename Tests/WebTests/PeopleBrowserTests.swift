import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// The people pages in a real headless Chromium on a 390 px phone, served by the
/// `web` and `staff` processes: HR signs in with their work e-mail and every page of
/// the section fits the screen. Screenshots at desktop and phone width go to
/// `artifacts/screenshots/people-*.png`, `invitations*.png` and `invite-token*.png`.
@Suite("Browser: the people pages on a phone", .serialized, .timeLimit(.minutes(4)))
struct PeopleBrowserTests {
    static let password = "a long enough password"

    @Test(
        "HR's people, person, compliments, pulse and hiring pages fit a 390 px screen",
        .enabled(if: Chromium.find() != nil, "skipped: chromium not found (scripts/bootstrap installs it)"))
    func phone() async throws {
        let chromium = try #require(Chromium.find())
        try await BrowserStack.run(start: { try await $0.start("staff") }) { stack, base in
            try await Self.run(stack.client, base: base, chromium: chromium)
        }
    }

    static func run(_ client: BusClient, base: String, chromium: String) async throws {
        let slow = CallOptions(timeout: .seconds(60))
        func person(
            _ name: String, _ role: Staff.EmployeeRole, team: String? = nil, status: Staff.EmployeeStatus? = .active
        )
            async throws -> String
        {
            try await client.call(
                Staff.createEmployee,
                .init(
                    name: name, email: "\(name.split(separator: " ")[0].lowercased())@example.com", team_id: team,
                    role: role, status: status)
            ).employee!.employee_id!
        }
        let hr = try await person("Bram de Boer", .hr)
        _ = try await client.call(Staff.setPassword, .init(employee_id: hr, password: password), options: slow)
        let lead = try await person("Sanne de Vries", .teamLead)
        let team = try await client.call(
            Staff.createTeam, .init(name: "Service experts Utrecht", kind: .serviceExperts, lead_id: lead)
        )
        .team!.team_id!
        let agent = try await person("Daan Bakker-Vanderhoeven-Oosterbroek", .serviceExpert, team: team)
        _ = try await client.call(
            Staff.addGoal,
            .init(
                employee_id: agent, title: "Be more customer-centric: answer every chat within one minute",
                why: "Customersrememberhowwemadethemfeelevenwhenitisonelongwordwithoutspaces",
                measure: "personal NPS above 60"))
        let candidate = try await person("Kees", .serviceExpert, team: team, status: nil)
        _ = try await client.call(
            Staff.recordEvaluation,
            .init(
                candidate_id: candidate, evaluator_id: lead, evaluator_role: .hiringManager,
                fits: [.init(value_id: "be-humble", verdict: .doubt, note: "Talked only about himself")]))

        let token = try #require(
            try await client.call(Staff.inviteEmployee, .init(employee_id: agent), options: slow).token)
        let paths = [
            "/people", "/people/\(agent)", "/people/compliments", "/people/pulse", "/people/hiring",
            "/people/hiring/\(candidate)", "/people/\(agent)/one-to-ones", "/invitations", "/invite/\(token)",
        ]
        let (widths, text) = try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 390, height: 844, mobile: true)
            try browser.navigate("\(base)/people")
            try browser.waitForPage("the sign-in page") { $0.contains("/signin") }
            _ = try browser.evaluate(
                "document.getElementById('name').value = 'bram@example.com'; document.getElementById('password').value = \(BrowserTests.jsString(password)); document.querySelector('form button[type=submit]').click(); true"
            )
            try browser.waitForPage("the people page", timeout: 60) { $0.hasSuffix("/people") }
            var widths: [String: Int] = [:]
            for path in paths {
                try browser.navigate("\(base)\(path)")
                try browser.waitForPage(path) { $0.hasSuffix(path) }
                let name = path.dropFirst().replacingOccurrences(of: agent, with: "person")
                    .replacingOccurrences(of: candidate, with: "candidate").replacingOccurrences(
                        of: token, with: "token"
                    )
                    .replacingOccurrences(of: "/", with: "-")
                widths[path] = try browser.screenshots(name, in: BrowserTests.screenshots)
            }
            try browser.navigate("\(base)/people/hiring/\(candidate)")
            try browser.waitForText("Talked only about himself")
            return (widths, try browser.text())
        }
        for (path, width) in widths { #expect(width <= 390, "\(path) is wider than the phone") }
        #expect(text.contains("Talked only about himself"))
    }
}
