import Contract
import Hummingbird

/// Every route's request context: Hummingbird's basics plus the peer's address,
/// which sign-in throttling counts attempts by, and the signed-in employee's account.
struct WebRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection peer's IP address; "unknown" in router tests without a socket.
    let peer: String
    /// The signed-in employee's account as staff gave it for this request
    /// (`ActingEmployeeMiddleware`); nil for operators and when staff did not answer.
    var account: Staff.Account?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress
        peer = address?.ipAddress ?? address?.pathname ?? "unknown"
    }
}
