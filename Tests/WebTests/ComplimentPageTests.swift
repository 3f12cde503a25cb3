import Bus
import Contract
import Foundation
import Testing

@testable import WebService

extension PeopleWebTests {
    /// bcrypt at staff's real cost is slow on a busy machine: calls may take many
    /// seconds here, so each test waits up to a minute per call.
    @Suite("People: peer compliments", .timeLimit(.minutes(5)))
    struct ComplimentPageTests {
        @Test("an employee gives a colleague a compliment; the colleague sees it with who gave it and the value")
        func giveAndReceive() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let people = try await WebPeople(world)
            try await world.withWeb { web in
                try await web.signIn("noor@example.com", password: WebPeople.password)
                let form = try await web.get("/people/compliments")
                #expect(form.status == .ok && form.body.contains(#"<option value="\#(people.agent)">Wim</option>"#))
                #expect(
                    !form.body.contains(#"<option value="\#(people.colleague)">"#), "no compliment to oneself offered")
                let fields = [
                    ("csrf", form.hidden("csrf") ?? ""), ("once", form.hidden("once") ?? ""), ("to", people.agent),
                    ("text", "You calmed the customer with the torn photo book"), ("value", "be-humble"),
                ]
                let given = try await web.post("/people/compliments", fields)
                #expect(given.status == .seeOther && given.location == "/people/compliments")
                let back = try await web.get("/people/compliments")
                #expect(back.body.contains(#"role="status">Your compliment is on its way."#))
                // The same form posted twice (a double tap) gives it once.
                _ = try await web.post("/people/compliments", fields)
            }
            try await world.withWeb { web in
                try await web.signIn("wim@example.com", password: WebPeople.password)
                let page = try await web.get("/people/compliments").body
                #expect(page.contains("You calmed the customer with the torn photo book") && page.contains("Noor"))
                #expect(page.contains("Be humble"))
            }
            let received = try await world.client.call(Staff.listPeerCompliments, .init(to_employee_id: people.agent))
            #expect(received.compliments.count == 1)
            await world.shutdown()
        }

        @Test("a compliment to oneself shows staff's refusal; a form without its token changes nothing")
        func refused() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let people = try await WebPeople(world)
            try await world.withWeb { web in
                try await web.signIn("noor@example.com", password: WebPeople.password)
                let form = try await web.get("/people/compliments")
                _ = try await web.post(
                    "/people/compliments",
                    [
                        ("csrf", form.hidden("csrf") ?? ""), ("once", "a"), ("to", people.colleague),
                        ("text", "Well done me"),
                    ])
                let page = try await web.get("/people/compliments").body
                #expect(page.contains(#"role="alert">to_employee_id: a compliment goes to someone else"#), "\(page)")
                let forged = try await web.post(
                    "/people/compliments", [("csrf", "forged"), ("once", "b"), ("to", people.agent), ("text", "Hi")])
                #expect(forged.status == .forbidden)
            }
            #expect(try await world.client.call(Staff.listPeerCompliments, .init()).compliments.isEmpty)
            await world.shutdown()
        }
    }
}
