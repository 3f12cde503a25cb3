import Bus

/// A call an API token asks to make: the service's bus name, the rpc name and
/// whether the contract marks it `// @idempotent` (what `:read` covers).
public struct ApiCall: Hashable, Sendable, CustomStringConvertible {
    public let service: String
    public let method: String
    public let idempotent: Bool

    public init(service: String, method: String, idempotent: Bool) {
        self.service = service
        self.method = method
        self.idempotent = idempotent
    }

    /// The call of a generated method, e.g. `ApiCall(Tickets.createTicket)`.
    public init<Request, Reply>(_ method: Method<Request, Reply>) {
        self.init(service: method.service, method: method.name, idempotent: method.idempotent)
    }

    /// `tickets.CreateTicket`.
    public var description: String { service + "." + method }
}
