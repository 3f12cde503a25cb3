import Logging
import Wire

/// The methods one service serves, each a typed handler, and the interceptors every
/// call passes through. Build it before serving it on a transport (the bus's
/// `BusWorker`, `InMemoryTransport`); it does not change afterwards.
///
/// ```swift
/// var router = ServiceRouter(service: "tickets")
/// router.register(Tickets.getTicket) { request, context in
///     try await store.ticket(request.ticket_id)
/// }
/// ```
public struct ServiceRouter: Sendable {
    /// A handler on encoded bytes; typed handlers are wrapped into this.
    public typealias RawHandler = @Sendable ([UInt8], CallContext) async throws -> [UInt8]

    /// Where a request's handler starts running.
    public enum HandlerStart: Sendable {
        /// On the worker's own thread, up to the handler's first suspension (a store,
        /// another service), then on Swift's task pool: no thread is woken to start
        /// a request. While it runs there the worker receives nothing, so a handler
        /// must not compute for long before it first awaits.
        case workerThread
        /// As a new task on Swift's task pool, for handlers that compute before they
        /// await (in-memory queries): requests run side by side and the worker's
        /// thread keeps receiving and heartbeating.
        case taskPool
    }

    public let service: String
    private(set) var handlers: [String: RawHandler] = [:]
    /// `.workerThread` unless the handlers compute before they await.
    public var handlerStart = HandlerStart.workerThread
    /// What every call passes through, outermost first (see `ServerInterceptor`).
    public var interceptors: [any ServerInterceptor] = ServiceRouter.standardInterceptors

    /// The call's span, metrics, logging and the deadline, in that order.
    public static let standardInterceptors: [any ServerInterceptor] = [
        TracingInterceptor(), MetricsInterceptor(), LoggingInterceptor(), DeadlineInterceptor(),
    ]

    public init(service: String) {
        self.service = service
    }

    /// Serves `method` with `handler`. A request that does not decode, or has a
    /// repeated field over `WireCodec.maxRequestItems`, is answered INVALID_ARGUMENT
    /// naming the field, without calling the handler.
    public mutating func register<Request, Reply>(
        _ method: Method<Request, Reply>,
        _ handler: @escaping @Sendable (Request, CallContext) async throws -> Reply
    ) {
        precondition(method.service == service, "\(method.name) belongs to \(method.service), not \(service)")
        handlers[method.name] = { bytes, context in
            let request: Request
            do {
                request = try Request(wireBytes: bytes, maxItems: WireCodec.maxRequestItems)
            } catch let error as WireError {
                throw RPCError(decoding: error)
            } catch let error as RPCErrorConvertible {
                throw error.rpcError
            } catch {
                // Whatever refuses the bytes refuses the caller's input.
                throw RPCError(.invalidArgument, "\(error)")
            }
            return try await handler(request, context).wireBytes()
        }
    }

    /// Serves `method` on encoded bytes (for generic handlers such as `Since`).
    public mutating func register(raw method: String, _ handler: @escaping RawHandler) {
        handlers[method] = handler
    }

    /// Whether `method` has a handler.
    public func serves(_ method: String) -> Bool { handlers[method] != nil }

    /// Runs `method` through the interceptors and its handler, and turns every
    /// outcome into a status: UNIMPLEMENTED for an unknown method, the thrown
    /// `RPCError`'s status, or INTERNAL (details logged, not sent) for any other error.
    /// Transports call it for each request they receive.
    public func handle(method: String, payload: [UInt8], context: CallContext, logger: Logger) async
        -> Result<[UInt8], RPCError>
    {
        let call = ServerCall(
            service: service, method: method, isKnown: handlers[method] != nil, payload: payload, context: context,
            logger: logger)
        let terminal: ServerCall.Next = { call in try await self.run(call) }
        let chain = interceptors.reversed().reduce(terminal) { next, interceptor in
            { call in try await interceptor.intercept(call, next: next) }
        }
        do {
            return .success(try await chain(call))
        } catch {
            return .failure(status(of: error, call))
        }
    }

    /// The handler itself, with the context bound as `CallContext.current`; every
    /// error it throws leaves as an `RPCError`.
    private func run(_ call: ServerCall) async throws -> [UInt8] {
        guard let handler = handlers[call.method] else {
            throw RPCError(.unimplemented, "service '\(service)' has no method '\(call.method)'")
        }
        let context = call.context
        do {
            return try await CallContext.$current.withValue(context) { try await handler(call.payload, context) }
        } catch {
            throw status(of: error, call)
        }
    }

    /// The status an error thrown by a handler or an interceptor answers with.
    private func status(of error: any Error, _ call: ServerCall) -> RPCError {
        if let status = RPCError.status(of: error) { return status }
        if error is CancellationError {
            // Its deadline passed or its caller went away: no fault of the handler's.
            return RPCError(.cancelled, "\(service).\(call.method) was cancelled")
        }
        call.logger.error(
            "handler failed",
            metadata: [
                "method": "\(call.method)", "request_id": "\(call.context.requestID)",
                "trace_id": "\(call.context.traceID)", "error": "\(error)",
            ])
        return RPCError(.internal, "internal error in \(service).\(call.method) (request \(call.context.requestID))")
    }
}
