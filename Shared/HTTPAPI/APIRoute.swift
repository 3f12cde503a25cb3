import Wire

/// One method of the contract as the HTTP API offers it: `POST /v1/{service}/{Method}`
/// with the request message as JSON, and for a method marked `// @idempotent` also
/// `GET` with its scalar fields in the query.
public struct APIRoute: Sendable {
    /// The service's bus name, e.g. `tickets`.
    public let service: String
    /// The service's full proto name, e.g. `glimlach.tickets.Tickets`.
    public let serviceFullName: String
    public let method: ServiceSchema.Method
    /// Marked `// @idempotent`: safe to repeat, so it is also served on GET.
    public let idempotent: Bool

    /// `/v1/tickets/GetTicket`.
    public var path: String { "/v1/\(service)/\(method.name)" }

    /// `glimlach.tickets.Tickets/GetTicket`, the key of its annotations.
    public var key: String { "\(serviceFullName)/\(method.name)" }

    /// A listing: the request has `page_token` and the reply `next_page_token`.
    public var pages: Bool {
        method.request.field(named: "page_token") != nil && method.reply.field(named: "next_page_token") != nil
    }

    /// The request fields a GET query may set: every field but messages.
    public var queryFields: [FieldSchema] {
        method.request.fields.filter { $0.kind != .message }
    }
}
