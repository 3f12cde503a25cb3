import MetaTestSupport
import Domain
import Meta
import Testing

@Suite("Sending through the Graph API", .timeLimit(.minutes(1)))
struct GraphSenderTests {
    /// Small back-offs so retries take milliseconds.
    static let quick = GraphRetryPolicy(
        maxAttempts: 4, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100), maxTotalTime: .seconds(5))

    static func sender(_ baseURL: String, token: String = GraphStandIn.token, version: String = "v21.0") -> GraphSender
    {
        GraphSender(
            accessToken: token, baseURL: baseURL, apiVersion: version, retry: quick, requestTimeout: .seconds(5))
    }

    @Test("a Messenger reply goes to /me/messages in the Send API's shape and returns its message_id")
    func messenger() async throws {
        let graph = GraphStandIn()
        let id = try await graph.run { base in
            try await Self.sender(base).sendMessenger(text: "Your parcel left today.", to: "PSID7")
        }
        #expect(graph.problems.isEmpty, "\(graph.problems)")
        #expect(id == "m_1")
        let request = try #require(graph.received.first)
        #expect(request.path == "/v21.0/me/messages")
        #expect(
            request.json == [
                "recipient.id": "PSID7", "messaging_type": "RESPONSE", "message.text": "Your parcel left today.",
            ])
    }

    @Test("a WhatsApp reply after 429 with Retry-After, then 503, then 200 returns one message id after three attempts")
    func whatsAppRetries() async throws {
        let graph = GraphStandIn(answers: [
            .init(status: .tooManyRequests, retryAfter: "1"), .init(status: .serviceUnavailable), .init(status: .ok),
        ])
        let key = SocialConversationKey(channel: .whatsApp, account: "106540352242922", participant: "16505551234")
        let id = try await graph.run { base in
            try await Self.sender(base).send(text: "It comes in blue too.", in: key)
        }
        #expect(graph.problems.isEmpty, "\(graph.problems)")
        #expect(id == "wamid.3")
        let received = graph.received
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.path == "/v21.0/106540352242922/messages" })
        #expect(
            received.first?.json == [
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": "16505551234", "type": "text",
                "text.preview_url": "false", "text.body": "It comes in blue too.",
            ])
        // Retry-After: 1 was honoured although the back-off alone is 20 ms.
        #expect(received[1].at - received[0].at >= .seconds(1))
        #expect(received[2].at - received[1].at < .seconds(1))
    }

    @Test("a 400 with a Graph error is a permanent failure carrying its message and codes, sent once")
    func permanent() async throws {
        let window =
            #"{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278,"fbtrace_id":"A1"}}"#
        let graph = GraphStandIn(answers: [.init(status: .badRequest, body: window)])
        let error = await #expect(throws: GraphSendError.self) {
            try await graph.run { base in try await Self.sender(base).sendMessenger(text: "Hello again", to: "PSID7") }
        }
        #expect(
            error
                == .rejected(
                    status: 400, code: 10, subcode: 2018278,
                    message: "(#10) This message is sent outside of allowed window."))
        #expect(error?.isTransient == false)
        #expect(graph.received.count == 1)
        #expect(graph.problems.isEmpty, "\(graph.problems)")
    }

    @Test("a rate limit Graph answers with 400 (code 4) is tried again, then sent")
    func throttledWith400() async throws {
        let limit =
            #"{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"fbtrace_id":"A2"}}"#
        let graph = GraphStandIn(answers: [.init(status: .badRequest, body: limit)])
        let id = try await graph.run { base in
            try await Self.sender(base).sendMessenger(text: "Hello again", to: "PSID7")
        }
        #expect(!id.isEmpty)
        #expect(graph.received.count == 2)
        #expect(graph.problems.isEmpty, "\(graph.problems)")
    }

    @Test("the stand-in reports a request of the wrong shape: a wrong token and a wrong API version")
    func standInCatchesWrongShape() async throws {
        let graph = GraphStandIn()
        await #expect(throws: GraphSendError.self) {
            try await graph.run { base in
                try await Self.sender(base, token: "someone-else").sendMessenger(text: "hi", to: "PSID7")
            }
        }
        await #expect(throws: GraphSendError.self) {
            try await graph.run { base in
                try await Self.sender(base, version: "v2.0").sendWhatsApp(text: "hi", to: "1", from: "2")
            }
        }
        let problems = graph.problems
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("Authorization: must be 'Bearer test-page-token'") == true)
        #expect(problems.last?.hasPrefix("path: must be /v21.0/") == true)
    }

    @Test("with nothing listening, sending is retried within its bounds and then fails as unavailable")
    func noConnection() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: GraphSendError.self) {
            // The HTTP client keeps trying to connect until an attempt's timeout, then fails it.
            let sender = GraphSender(
                accessToken: GraphStandIn.token, baseURL: "http://127.0.0.1:1", retry: Self.quick,
                requestTimeout: .milliseconds(300))
            return try await sender.sendWhatsApp(text: "hi", to: "1", from: "2")
        }
        guard case .unavailable(let attempts, _) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(attempts == 4)
        #expect(error?.isTransient == true)
        #expect(clock.now - started < .seconds(5))
    }

    @Test("a Retry-After beyond the time budget ends the retries at once")
    func retryAfterBeyondBudget() async throws {
        let graph = GraphStandIn(answers: [.init(status: .tooManyRequests, retryAfter: "3600")])
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: GraphSendError.self) {
            try await graph.run { base in try await Self.sender(base).sendMessenger(text: "hi", to: "PSID7") }
        }
        #expect(error?.isTransient == true)
        #expect(graph.received.count == 1)
        #expect(clock.now - started < .seconds(3))
    }

    @Test(
        "a text over the platform's limit is refused before anything is sent",
        arguments: [(Channel.facebookMessenger, 2001), (.whatsApp, 4097)])
    func tooLong(channel: Channel, length: Int) async throws {
        let graph = GraphStandIn()
        let key = SocialConversationKey(channel: channel, account: "106540352242922", participant: "16505551234")
        let error = await #expect(throws: GraphSendError.self) {
            try await graph.run { base in
                try await Self.sender(base).send(text: String(repeating: "a", count: length), in: key)
            }
        }
        #expect(
            error?.description.hasPrefix("text: \(channel.displayName) takes at most \(length - 1) characters") == true)
        #expect(graph.received.isEmpty)
    }

    @Test("a text exactly at the limit is sent", arguments: [(Channel.facebookMessenger, 2000), (.whatsApp, 4096)])
    func atLimit(channel: Channel, length: Int) async throws {
        let graph = GraphStandIn()
        let key = SocialConversationKey(channel: channel, account: "106540352242922", participant: "16505551234")
        _ = try await graph.run { base in
            try await Self.sender(base).send(text: String(repeating: "a", count: length), in: key)
        }
        #expect(graph.received.count == 1 && graph.problems.isEmpty)
    }
}
