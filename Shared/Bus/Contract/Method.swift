import Wire

/// A typed method of a service, as clients call it and workers serve it:
///
/// ```swift
/// let health = Method<HealthRequest, HealthReply>(service: "tickets", name: "Health", idempotent: true)
/// let reply = try await client.call(health, HealthRequest())
/// ```
public struct Method<Request: WireMessage, Reply: WireMessage>: Sendable {
    /// The service's bus name, e.g. "tickets".
    public let service: String
    /// The rpc name in proto/, e.g. "ResolveTicket".
    public let name: String
    /// Safe to run twice: the broker re-dispatches it when its worker dies.
    public let idempotent: Bool

    public init(service: String, name: String, idempotent: Bool = false) {
        self.service = service
        self.name = name
        self.idempotent = idempotent
    }

    /// `Health` of `service`: every service has it.
    public static func health(_ service: String) -> Method<HealthRequest, HealthReply>
    where Request == HealthRequest, Reply == HealthReply {
        Method(service: service, name: "Health", idempotent: true)
    }
}
