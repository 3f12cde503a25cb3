import Bus
import Foundation
import Hummingbird
import HummingbirdWebSocket

/// `/chat`: the public live chat (no sign-in). The page shows the conversation so
/// far (the visitor cookie's conversation, through channels' `GetConversation`) and
/// whether the chat is open; its script, `/chat.js`, talks over the WebSocket
/// `/chat/socket` (`ChatSocket`). Outside the chat's hours both say when it opens
/// and offer the contact form.
struct ChatRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/chat") { request, _ in await page(request) }
    }

    /// The socket, on the router that upgrades: only for a browser with a visitor
    /// cookie, from a page of this site (a page elsewhere cannot open it with the
    /// visitor's cookie).
    func registerSocket(on router: Router<WebRequestContext>) {
        router.ws("/chat/socket") { request, _ in
            guard settings.sessions.visitorID(request) != nil, Self.sameSite(request) else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let visitorID = settings.sessions.visitorID(context.request) else { return }
            let socket = ChatSocket(
                conversation: ChatConversation(client: client, settings: settings, visitorID: visitorID),
                context: PageContext(context.request))
            try await socket.run(inbound: inbound, outbound: outbound)
        }
    }

    func page(_ request: Request) async -> Response {
        let visitor = settings.sessions.visitor(request)
        let context = PageContext(request)
        let t = context.t
        let conversation = ChatConversation(
            client: client, settings: settings, visitorID: settings.sessions.visitorID(nonce: visitor.nonce))
        let hours = await ChatHours.load(client: client, settings: settings)
        let now = Date()
        var values: [String: Any] = [:]
        if !hours.isOpen(at: now) { values["closed"] = hours.opening(after: now, context) }
        do {
            let lines = try await conversation.lines(context)
            values["lines"] = ChatLine.values(lines)
            values["hasLines"] = !lines.isEmpty
        } catch {
            values["lines"] = [[String: Any]]()
            values["unavailable"] = t["chat_unavailable"]
        }
        return HTML.page("chat", values, title: t["chat_title"], context: context).setting(visitor.cookie)
    }

    /// Whether the upgrade comes from a page of this site: each `Origin` it carries
    /// (browsers always send one with a WebSocket) names this host. The port is not
    /// compared: cookies are not kept apart by port either.
    static func sameSite(_ request: Request) -> Bool {
        let origins = request.headers[values: .origin]
        guard !origins.isEmpty else { return true }
        guard let authority = request.head.authority, let host = URL(string: "http://" + authority)?.host else {
            return false
        }
        return origins.allSatisfy { URL(string: $0)?.host?.lowercased() == host.lowercased() }
    }
}
