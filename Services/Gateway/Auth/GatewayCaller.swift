/// Who a request to the HTTP API comes from, as the authenticator established it.
public struct GatewayCaller: Sendable, Equatable {
    /// For logs, e.g. `static-token`.
    public let name: String
    /// The employee the calls act for (the services check their rights against
    /// them); nil: a service's or an operator's call.
    public let actor: String?

    public init(name: String, actor: String? = nil) {
        self.name = name
        self.actor = actor
    }
}
