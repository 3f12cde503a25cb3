import Foundation
import Hummingbird
import HummingbirdTesting
import Domain
import Meta
import Testing

@Suite("Meta webhook deliveries", .timeLimit(.minutes(1)))
struct WebhookDeliveryTests {
    @Test("a signed Messenger delivery passes on the customer's messages, without echoes and receipts")
    func messenger() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let body = WebhookFixtures.messenger
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .ok)
        }
        #expect(recorder.count == 1)
        let messages = recorder.messages
        #expect(messages.map(\.externalMessageID) == ["m_text", "m_image"])
        let text = try #require(messages.first)
        #expect(text.channel == .facebookMessenger)
        #expect(text.conversation.stringValue == "facebook-messenger:PAGE1:PSID7")
        #expect(text.senderHandle == "PSID7" && text.senderName == nil)
        #expect(text.text == "My order never arrived")
        #expect(text.sentAt == Date(timeIntervalSince1970: 1_458_692_752.478))
        let image = messages[1]
        #expect(image.text == "[image]")
        #expect(image.attachments == [SocialAttachment(type: "image", url: "https://cdn.example/p.jpg")])
        #expect(recorder.statuses.isEmpty)
    }

    @Test("a delivery of only echoes and receipts is answered 200 without calling the sink")
    func echoesOnly() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let body = WebhookFixtures.messengerEchoOnly
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .ok)
        }
        #expect(recorder.count == 0)
    }

    @Test("a signed WhatsApp delivery passes on a text with the contact's name and an image with its media id")
    func whatsAppMessages() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let body = WebhookFixtures.whatsAppMessages
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .ok)
        }
        let messages = recorder.messages
        #expect(messages.count == 2)
        let text = try #require(messages.first)
        #expect(text.channel == .whatsApp)
        #expect(
            text.conversation
                == SocialConversationKey(channel: .whatsApp, account: "106540352242922", participant: "16505551234"))
        #expect(text.senderHandle == "16505551234" && text.senderName == "Sheena Nelson")
        #expect(text.externalMessageID == "wamid.TEXT" && text.text == "Does it come in another color?")
        #expect(text.sentAt == Date(timeIntervalSince1970: 1_749_416_383))
        let image = messages[1]
        #expect(image.text == "[image, media id 1003383421387256] the broken part")
        #expect(image.senderName == "Sheena Nelson")
        #expect(
            image.attachments == [SocialAttachment(type: "image", mediaID: "1003383421387256", mimeType: "image/jpeg")])
    }

    @Test("a WhatsApp status delivery becomes delivery status updates, with the failure's reason")
    func whatsAppStatuses() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let body = WebhookFixtures.whatsAppStatuses
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .ok)
        }
        #expect(recorder.messages.isEmpty)
        let statuses = recorder.statuses
        #expect(statuses.map(\.externalMessageID) == ["wamid.OURS1", "wamid.OURS2"])
        #expect(statuses.map(\.state) == [.read, .failed])
        #expect(statuses[0].at == Date(timeIntervalSince1970: 1_750_263_773) && statuses[0].errors.isEmpty)
        #expect(statuses[1].conversation.participant == "16505551234")
        #expect(
            statuses[1].errors == [
                SocialDeliveryError(code: 131047, title: "Re-engagement message", message: "Re-engagement message")
            ])
    }

    @Test(
        "a missing, wrong or foreign signature is refused with 401 and nothing is passed on",
        arguments: [
            nil, "sha256=" + String(repeating: "0", count: 64), "sha1=abc", "sha256=zz",
            WebhookFixtures.signature(WebhookFixtures.whatsAppMessages, secret: "another-app"),
        ] as [String?])
    func badSignature(signature: String?) async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let response = try await client.deliver(WebhookFixtures.whatsAppMessages, signature: signature)
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).hasPrefix("X-Hub-Signature-256: "))
        }
        #expect(recorder.count == 0)
    }

    @Test(
        "a signature computed elsewhere over the raw bytes (escaped unicode as sent) is accepted, in either hex case",
        arguments: [
            "sha256=ad891c15a6edd9c2695a5e69bcf2cd28cd7fb51a9ec058607c4e4abc1806fee3",
            "sha256=AD891C15A6EDD9C2695A5E69BCF2CD28CD7FB51A9EC058607C4E4ABC1806FEE3",
        ])
    func knownSignature(signature: String) async throws {
        // HMAC-SHA256 of these exact bytes with the test app secret, computed with another HMAC library.
        let body =
            #"{"object":"page","entry":[{"id":"PAGE1","time":1,"messaging":[{"sender":{"id":"PSID7"},"#
            + #""recipient":{"id":"PAGE1"},"timestamp":1700000000000,"message":{"mid":"m_vec","text":"h\u00e9llo"}}]}]}"#
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let response = try await client.deliver(body, signature: signature)
            #expect(response.status == .ok)
        }
        #expect(recorder.messages.map(\.text) == ["h\u{e9}llo"])
    }

    @Test("a signature of a different body is refused: the exact raw bytes are signed")
    func signatureOfOtherBytes() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let signed = WebhookFixtures.whatsAppMessages
            let sent = signed.replacingOccurrences(of: "another color", with: "another colour")
            let response = try await client.deliver(sent, signature: WebhookFixtures.signature(signed))
            #expect(response.status == .unauthorized)
        }
        #expect(recorder.count == 0)
    }

    @Test(
        "a malformed delivery is answered 400 naming the field",
        arguments: [
            (
                "{\"object\":\"page\",\"entry\":[{\"id\":\"P\",\"messaging\":[{\"recipient\":{\"id\":\"P\"},\"timestamp\":1,\"message\":{\"mid\":\"m\"}}]}]}",
                "entry.0.messaging.0.sender: is missing"
            ),
            (
                "{\"object\":\"page\",\"entry\":[{\"id\":\"P\",\"messaging\":[{\"sender\":{\"id\":7},\"recipient\":{\"id\":\"P\"}}]}]}",
                "entry.0.messaging.0.sender.id: must be a string"
            ),
            (
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":{\"phone_number_id\":\"1\"},\"messages\":[{\"from\":\"2\",\"id\":\"w\",\"timestamp\":\"yesterday\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}",
                "entry.0.changes.0.value.messages.0.timestamp: must be whole seconds since 1970, got 'yesterday'"
            ),
            (
                "{\"object\":\"instagram\",\"entry\":[]}",
                "object: must be \"page\" or \"whatsapp_business_account\", got \"instagram\""
            ),
            ("{\"object\":\"page\",\"entry\":[", "body: is not valid JSON"),
        ])
    func malformed(body: String, expected: String) async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(sink: recorder.sink).test(.router) { client in
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body) == expected)
        }
        #expect(recorder.count == 0)
    }

    @Test("when the sink throws, the delivery is answered 503 so Meta sends it again")
    func sinkFails() async throws {
        struct StoreDown: Error {}
        let app = WebhookFixtures.application { _, _ in throw StoreDown() }
        try await app.test(.router) { client in
            let body = WebhookFixtures.whatsAppMessages
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .serviceUnavailable)
        }
    }

    @Test("a body over the size limit is refused with 413 before the sink")
    func tooLarge() async throws {
        let recorder = SinkRecorder()
        try await WebhookFixtures.application(maxBodyBytes: 512, sink: recorder.sink).test(.router) { client in
            let body = WebhookFixtures.whatsAppMessages
            #expect(body.utf8.count > 512)
            let response = try await client.deliver(body, signature: WebhookFixtures.signature(body))
            #expect(response.status == .contentTooLarge)
        }
        #expect(recorder.count == 0)
    }
}
