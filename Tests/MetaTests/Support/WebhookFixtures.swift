import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Meta
import Synchronization

/// Delivery bodies in the shapes Meta documents, and a router with the webhook on it.
enum WebhookFixtures {
    static let appSecret = "app-secret-for-tests"
    static let verifyToken = "verify-me"
    static let path = "/meta/webhook"

    /// A Messenger `messages` delivery: one customer text, one image, our own echo and a
    /// delivery receipt, with fields Meta adds that we do not read.
    static let messenger = """
        {"object":"page","entry":[{"id":"PAGE1","time":1458692752478,"messaging":[
          {"sender":{"id":"PSID7"},"recipient":{"id":"PAGE1"},"timestamp":1458692752478,
           "message":{"mid":"m_text","text":"My order never arrived","nlp":{"entities":{}}}},
          {"sender":{"id":"PSID7"},"recipient":{"id":"PAGE1"},"timestamp":1458692753000,
           "message":{"mid":"m_image","attachments":[{"type":"image","payload":{"url":"https://cdn.example/p.jpg"}}]}},
          {"sender":{"id":"PAGE1"},"recipient":{"id":"PSID7"},"timestamp":1458692754000,
           "message":{"is_echo":true,"app_id":1517776481860111,"mid":"m_echo","text":"We are on it"}},
          {"sender":{"id":"PSID7"},"recipient":{"id":"PAGE1"},
           "delivery":{"mids":["m_echo"],"watermark":1458668856253}}
        ]}]}
        """

    /// Only our echo and a read receipt: nothing for the sink.
    static let messengerEchoOnly = """
        {"object":"page","entry":[{"id":"PAGE1","time":1458692752478,"messaging":[
          {"sender":{"id":"PAGE1"},"recipient":{"id":"PSID7"},"timestamp":1458692754000,
           "message":{"is_echo":true,"mid":"m_echo","text":"We are on it"}},
          {"sender":{"id":"PSID7"},"recipient":{"id":"PAGE1"},"timestamp":1458668856463,"read":{"watermark":1458668856253}}
        ]}]}
        """

    /// A WhatsApp `messages` delivery: a text and an image with caption from Sheena.
    static let whatsAppMessages = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
          "value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
            "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
            "messages":[
              {"from":"16505551234","id":"wamid.TEXT","timestamp":"1749416383","type":"text",
               "text":{"body":"Does it come in another color?"}},
              {"from":"16505551234","id":"wamid.IMAGE","timestamp":"1749416390","type":"image",
               "image":{"caption":"the broken part","mime_type":"image/jpeg","sha256":"abc","id":"1003383421387256"}}
            ]}}]}]}
        """

    /// A WhatsApp status delivery: one of our messages read, one failed.
    static let whatsAppStatuses = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
          "value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
            "statuses":[
              {"id":"wamid.OURS1","status":"read","timestamp":"1750263773","recipient_id":"16505551234"},
              {"id":"wamid.OURS2","status":"failed","timestamp":"1750263780","recipient_id":"16505551234",
               "errors":[{"code":131047,"title":"Re-engagement message",
                 "message":"Re-engagement message","error_data":{"details":"More than 24 hours have passed"}}]}
            ]}}]}]}
        """

    static func signature(_ body: String, secret: String = appSecret) -> String {
        WebhookSignature.header(for: Array(body.utf8), appSecret: secret)
    }

    /// An application with the webhook at `path`, feeding `sink`.
    static func application(maxBodyBytes: Int = 1 << 20, sink: @escaping MetaWebhookSink) -> some ApplicationProtocol {
        let router = Router()
        router.addMetaWebhookRoutes(
            at: RouterPath(path), appSecret: appSecret, verifyToken: verifyToken, maxBodyBytes: maxBodyBytes, sink: sink
        )
        return Application(router: router)
    }
}

/// Records what the webhook passed on.
final class SinkRecorder: Sendable {
    private let calls = Mutex<[([InboundSocialMessage], [SocialDeliveryStatus])]>([])

    var count: Int { calls.withLock { $0.count } }
    var messages: [InboundSocialMessage] { calls.withLock { $0.flatMap(\.0) } }
    var statuses: [SocialDeliveryStatus] { calls.withLock { $0.flatMap(\.1) } }

    var sink: MetaWebhookSink {
        { messages, statuses in self.calls.withLock { $0.append((messages, statuses)) } }
    }
}

extension TestClientProtocol {
    /// POSTs `body` to the webhook with `signature` in `X-Hub-Signature-256` (none when nil).
    func deliver(_ body: String, signature: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signature { headers[HTTPField.Name("X-Hub-Signature-256")!] = signature }
        return try await execute(
            uri: WebhookFixtures.path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
