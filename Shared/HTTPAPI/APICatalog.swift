import Wire

/// Every route of the HTTP API, derived from the contract's descriptors: each method
/// of each service but the broker's own (`bus`) and `Since`, the event replay the
/// services use among themselves (its events are wire bytes, not JSON).
///
/// ```swift
/// let catalog = APICatalog(idempotent: ContractAnnotations.idempotent)
/// let route = catalog.route(service: "tickets", method: "GetTicket")
/// ```
public struct APICatalog: Sendable {
    /// Services that are no part of the API.
    public static let hiddenServices: Set<String> = ["bus"]
    /// Methods no service offers over HTTP.
    public static let hiddenMethods: Set<String> = ["Since"]

    /// Sorted by service, then in the contract's order.
    public let routes: [APIRoute]
    private let index: [String: Int]

    /// - Parameters:
    ///   - services: the contract's services.
    ///   - idempotent: `glimlach.tickets.Tickets/GetTicket` keys of the methods marked `// @idempotent`.
    public init(services: [ServiceSchema] = ServiceSchema.all, idempotent: Set<String>) {
        routes = services.filter { !Self.hiddenServices.contains($0.busName) }.flatMap { service in
            service.methods.filter { !Self.hiddenMethods.contains($0.name) }.map { method in
                APIRoute(
                    service: service.busName, serviceFullName: service.fullName, method: method,
                    idempotent: idempotent.contains("\(service.fullName)/\(method.name)"))
            }
        }
        index = Dictionary(uniqueKeysWithValues: routes.enumerated().map { ("\($1.service)/\($1.method.name)", $0) })
    }

    /// The route of `service`'s `method`, if the API offers it.
    public func route(service: String, method: String) -> APIRoute? {
        index["\(service)/\(method)"].map { routes[$0] }
    }
}
