import Logging
import Wire

/// The methods one service serves, each a typed handler. Build it before starting
/// the worker; it does not change afterwards.
///
/// ```swift
/// var router = ServiceRouter(service: "tickets")
/// router.register(TicketsAPI.getTicket) { request, context in try await store.ticket(request.ticket_id) }
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

    /// Runs the handler for `method` and turns every outcome into a status:
    /// UNIMPLEMENTED for an unknown method, the thrown `RPCError`'s status, or
    /// INTERNAL (details logged, not sent) for any other error.
    func handle(method: String, payload: [UInt8], context: CallContext, logger: Logger) async -> (ReplyHeader, [UInt8]) {
        let start = ContinuousClock.now
        let (header, reply) = await dispatch(method: method, payload: payload, context: context, logger: logger)
        let code = header.code ?? .unknown
        // A method this service does not have is counted under one name, so callers
        // cannot grow the metrics by making names up.
        let label = handlers[method] == nil ? RequestMetrics.unknownMethod : method
        RequestMetrics.record(service: service, method: label, code: code, since: start)
        logger.debug(
            "served",
            metadata: [
                "method": "\(method)", "code": "\(code.description)", "request_id": "\(context.requestID)",
                "trace_id": "\(context.traceID)",
            ])
        return (header, reply)
    }

    private func dispatch(method: String, payload: [UInt8], context: CallContext, logger: Logger) async
        -> (ReplyHeader, [UInt8])
    {
        guard let handler = handlers[method] else {
            let error = RPCError(.unimplemented, "service '\(service)' has no method '\(method)'")
            return (ReplyHeader(request_id: context.requestID, error: error), [])
        }
        do {
            let reply = try await CallContext.$current.withValue(context) { try await handler(payload, context) }
            return (ReplyHeader(request_id: context.requestID, code: .ok), reply)
        } catch let error as RPCError {
            return (ReplyHeader(request_id: context.requestID, error: error), [])
        } catch let error as RPCErrorConvertible {
            return (ReplyHeader(request_id: context.requestID, error: error.rpcError), [])
        } catch {
            logger.error(
                "handler failed",
                metadata: [
                    "method": "\(method)", "request_id": "\(context.requestID)", "trace_id": "\(context.traceID)",
                    "error": "\(error)",
                ])
            let reported = RPCError(.internal, "internal error in \(service).\(method) (request \(context.requestID))")
            return (ReplyHeader(request_id: context.requestID, error: reported), [])
        }
    }
}
