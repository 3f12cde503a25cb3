import Hummingbird

/// Every route's request context: Hummingbird's basics plus the peer's address,
/// which sign-in throttling counts attempts by.
struct WebRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection peer's IP address; "unknown" in router tests without a socket.
    let peer: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress
        peer = address?.ipAddress ?? address?.pathname ?? "unknown"
    }
}
