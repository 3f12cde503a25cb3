import Hummingbird
import Logging
import Meta

/// The HTTP side of channels: Meta's webhook at `/webhooks/meta` (when a Meta app
/// is configured) and `/healthz`.
enum WebhookServer {
    static func application(
        host: String, port: Int, meta: (appSecret: String, verifyToken: String)?,
        handlers: ChannelsHandlers<ChannelsSQLStore>, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/healthz") { _, _ in "ok" }
        if let meta {
            router.addMetaWebhookRoutes(at: "/webhooks/meta", appSecret: meta.appSecret, verifyToken: meta.verifyToken)
            {
                messages, statuses in try await handlers.takeSocial(messages, statuses)
            }
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "glimlach-channels"),
            logger: logger)
    }
}
