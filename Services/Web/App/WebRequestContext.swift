import Contract
import Hummingbird
import HummingbirdWebSocket

/// Every route's request context: Hummingbird's basics plus the peer's address,
/// which sign-in throttling counts attempts by, and the signed-in employee's account.
struct WebRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection peer's IP address; "unknown" in router tests without a socket.
    let peer: String
    /// The signed-in employee's account as staff gave it for this request
    /// (`ActingEmployeeMiddleware`); nil for operators and when staff did not answer.
    var account: Staff.Account?
    /// The WebSocket handler a `ws` route chose (the live chat's socket).
    let webSocket = WebSocketHandlerReference<WebRequestContext>()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress
        peer = address?.ipAddress ?? address?.pathname ?? "unknown"
    }
}
