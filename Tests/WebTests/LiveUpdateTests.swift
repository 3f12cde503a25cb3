import Bus
import Contract
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import WebService

/// The workspace pages' server-sent events, polled every 100 ms here.
@Suite("Workspace live updates", .timeLimit(.minutes(2)))
struct LiveUpdateTests {
    static func quick(_ settings: inout WebSettings) {
        settings.liveEvery = .milliseconds(100)
        settings.liveFor = .seconds(30)
    }

    @Test("the ticket page's event stream says 'changed' when the customer writes again")
    func ticket() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let id = try await desk.ticket("Photo book arrived damaged", assignee: desk.people.agent)
        try await world.withWeb(adjust: Self.quick) { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let page = try await web.get("/tickets/\(id)").body
            #expect(page.contains(#"data-live="/tickets/\#(id)/events" hidden"#))
            #expect(page.contains(#"<script src="/live.js" defer></script>"#))
            async let stream = web.get("/tickets/\(id)/events")
            try await Task.sleep(for: .seconds(1))
            _ = try await world.client.call(Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "Any news?"))
            let events = try await stream
            #expect(events.headers[.contentType] == "text/event-stream")
            #expect(events.body.contains("event: changed\n"))
            let script = try await web.get("/live.js")
            #expect(script.status == .ok && script.body.contains("EventSource"))
        }
        await world.shutdown()
    }

    @Test("the inbox's event stream says 'changed' when a ticket is assigned to the agent")
    func inbox() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        try await world.withWeb(adjust: Self.quick) { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            #expect(try await web.get("/inbox").body.contains(#"data-live="/inbox/events?tab=mine""#))
            async let stream = web.get("/inbox/events?tab=mine")
            try await Task.sleep(for: .seconds(1))
            _ = try await desk.ticket("New arrival", assignee: desk.people.agent)
            #expect(try await stream.body.contains("event: changed\n"))
        }
        await world.shutdown()
    }

    @Test("an open event stream does not hold up the web front's shutdown")
    func shutdownEndsStreams() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let id = try await desk.ticket("Photo book arrived damaged", assignee: desk.people.agent)
        var settings = world.settings
        settings.liveEvery = .milliseconds(100)
        settings.liveFor = .seconds(600)  // longer than the suite may take
        let app = buildWebApplication(client: world.client, settings: settings, host: "127.0.0.1", port: 0)
        let started = ContinuousClock.now
        try await app.test(.live) { client in
            let web = WebSession(client)
            try await web.signIn("wim@example.com", password: WebPeople.password)
            Task { _ = try? await web.get("/tickets/\(id)/events") }
            try await Task.sleep(for: .seconds(1))
        }  // then the server shuts down gracefully and waits for its open requests
        #expect(ContinuousClock.now - started < .seconds(60))
        await world.shutdown()
    }
}
