import Bus
import Contract
import Domain
import Foundation
import Testing
import TestSupport

/// A gesture granted in the web workspace, traced across the web front, tickets and
/// staff, each exporting its spans over OTLP/HTTP to a receiver in the test.
@Suite("Trace journey: one trace across web, tickets and staff", .serialized, .timeLimit(.minutes(3)))
struct TraceJourneyTests {
    @Test("a gesture from the workspace is one trace: web's request, tickets' GrantGesture, staff's SpendBudget")
    func gestureTrace() async throws {
        let receiver = OTLPReceiver(port: try freePort())
        defer { receiver.stop() }
        try await ProcessStack.run { stack in try await Self.run(stack, receiver) }
    }

    static func run(_ stack: ProcessStack, _ receiver: OTLPReceiver) async throws {
        let otlp = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_BSP_SCHEDULE_DELAY": "100",
        ]
        try await stack.start("staff", environment: otlp)
        try await stack.start("tickets", environment: otlp)
        let webPort = try freePort()
        _ = try await stack.launch(
            "web", arguments: ["serve"],
            environment: otlp.merging([
                "GLIMLACH_WEB_HOST": "127.0.0.1", "GLIMLACH_WEB_PORT": "\(webPort)",
                "GLIMLACH_WEB_SESSION_KEY_FILE": stack.dataDirectory.appendingPathComponent("web-key").path,
            ]) { $1 })
        let client = stack.client
        let agent = try await client.call(
            Staff.createEmployee,
            .init(
                name: "Daan Bakker", email: "daan@glimlach.example", country: "NL", start_date: "2025-01-06",
                status: .active, monthly_budget: Money(minorUnits: 10_000, currency: .eur))
        ).employee!.employee_id!
        let asAgent = CallOptions(timeout: .seconds(10), actor: agent)
        _ = try await client.call(
            Staff.setPassword, .init(employee_id: agent, password: ChannelsJourneyTests.agentPassword),
            options: asAgent)
        let ticketID = try await client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: "anna@example.nl", country: "NL", language: "nl"),
                channel: .email, product_category: "photo-books", subject: "Torn photo book", body: "Torn cover.",
                assignee_id: agent)
        ).ticket!.ticket_id!
        _ = try await ChannelsJourneyTests.eventually("the web front answers") {
            try? await ChannelsJourneyTests.http("http://127.0.0.1:\(webPort)/healthz").status == 200 ? true : nil
        }
        let workspace = WorkspaceAgent(base: "http://127.0.0.1:\(webPort)")
        try await workspace.signIn(email: "daan@glimlach.example", password: ChannelsJourneyTests.agentPassword)
        let granted = try await workspace.gesture(euros: "15", "Voucher for the torn book", on: ticketID)
        #expect(granted.status == 303, "the gesture form answered \(granted.status): \(granted.body.prefix(300))")

        // The three hops of the gesture, linked child to parent in one trace.
        let (grant, spend) = try await ChannelsJourneyTests.eventually("the spans of the gesture arrive") {
            () -> (OTLPReceiver.Span, OTLPReceiver.Span)? in
            let spans = receiver.spans
            guard let grant = spans.first(where: { $0.name == "tickets/GrantGesture" }),
                let spend = spans.first(where: { $0.name == "staff/SpendBudget" && $0.traceID == grant.traceID })
            else { return nil }
            return (grant, spend)
        }
        let page = try #require(receiver.spans.first { $0.spanID == grant.parentSpanID }, "tickets' parent span")
        #expect(page.service == "web")
        #expect(page.traceID == grant.traceID)
        #expect(page.name.contains("gesture"), "web's span: \(page.name)")
        #expect(grant.service == "tickets")
        #expect(spend.service == "staff")
        #expect(spend.parentSpanID == grant.spanID)
        for span in [page, grant, spend] {
            #expect(span.endNanos > span.startNanos, "\(span.name) has a duration")
            #expect(span.statusCode != 2, "\(span.name) is not an error")
        }
        // Each nested in its caller's time.
        #expect(grant.startNanos >= page.startNanos && grant.endNanos <= page.endNanos)
        #expect(spend.startNanos >= grant.startNanos && spend.endNanos <= grant.endNanos)
    }
}
