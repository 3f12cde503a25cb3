import Logging
import Synchronization

/// Serves routers in this process and calls them directly: no broker, no sockets.
/// Requests and replies still go through the wire encoding, the interceptors and
/// the deadline as on the bus, so a handler test runs a service (and the services
/// it calls) as deployed.
///
/// ```swift
/// let transport = InMemoryTransport()
/// transport.serve(makeStaffRouter(store: staffStore))
/// transport.serve(makeTicketsRouter(store: ticketsStore, client: transport))
/// let reply = try await transport.call(Tickets.getTicket, .init(ticket_id: id))
/// ```
public final class InMemoryTransport: RPCClient {
    /// Used when neither the call nor an enclosing call sets a deadline.
    public let defaultTimeout: Duration
    private let routers = Mutex<[String: ServiceRouter]>([:])
    private let counter = Atomic<UInt64>(0)
    private let logger: Logger

    public init(defaultTimeout: Duration = .seconds(5), logger: Logger = Logger(label: "rpc.memory")) {
        self.defaultTimeout = defaultTimeout
        self.logger = logger
    }

    /// Serves `router` (replacing a router of the same service).
    public func serve(_ router: ServiceRouter) {
        routers.withLock { $0[router.service] = router }
    }

    /// Stops serving `service`: its calls fail UNAVAILABLE, as with no worker on the bus.
    public func stop(_ service: String) {
        routers.withLock { $0[service] = nil }
    }

    public func call(
        service: String, method: String, payload: [UInt8], idempotent: Bool = false,
        options: CallOptions = CallOptions()
    ) async throws -> [UInt8] {
        try Task.checkCancellation()
        guard let router = routers.withLock({ $0[service] }) else {
            throw RPCError(.unavailable, "no worker of service '\(service)' is registered")
        }
        let id = "memory-\(counter.add(1, ordering: .relaxed).newValue)"
        let context = CallContext.outgoing(requestID: id, options: options, defaultTimeout: defaultTimeout)
        // A task of its own, as on a worker: the deadline cancels it, not the caller.
        let logger = logger
        return try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask {
                try await router.handle(method: method, payload: payload, context: context, logger: logger).get()
            }
            return try await group.next()!
        }
    }
}
