import Bus
import Contract
import Foundation
import HummingbirdTesting
import Testing

@testable import WebService

@Suite("Stopping surveys /s/{token}/opt-out", .timeLimit(.minutes(2)))
struct SurveyOptOutTests {
    @Test("the link only asks; the button (or a mail program's one-click post) stops every later survey")
    func optOut() async throws {
        let world = try await WebWorld()
        let token = try await world.invite(customer: "cus-anna", language: "nl")
        try await world.withWeb { web in
            let ask = try await web.get("/s/\(token)/opt-out")
            #expect(ask.status == .ok)
            #expect(ask.body.contains("Geen enquêtes meer?"))
            #expect(ask.body.contains(#"<form method="post" action="/s/\#(token)/opt-out""#))
            let done = try await web.post("/s/\(token)/opt-out", [("List-Unsubscribe", "One-Click")])
            #expect(done.status == .ok)
            #expect(done.body.contains("Je krijgt geen enquêtes meer"))
            #expect(done.body.contains(#"href="/s/\#(token)""#))
            // The link used stays answerable.
            #expect(try await web.get("/s/\(token)").body.contains(#"name="score""#))
        }
        let later = try await world.client.call(
            Feedback.createInvitation,
            .init(attribution: .init(touchpoint: "delivery"), customer_id: "cus-anna", delay_ms: 0)
        ).invitation
        #expect(later?.status == .suppressed && later?.suppressed_reason?.hasPrefix("opted out of surveys") == true)
        await world.shutdown()
    }

    @Test("an unknown link is told kindly, and nothing changes")
    func unknownLink() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.post("/s/no-such-token/opt-out", [("List-Unsubscribe", "One-Click")])
            #expect(page.status == .notFound)
        }
        await world.shutdown()
    }
}
