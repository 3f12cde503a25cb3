import Foundation
import Logging
import RPC
import Synchronization
import Wire
import ZeroMQ

/// An async client of the bus that any number of tasks share: requests are
/// pipelined on one DEALER socket and replies matched by request id. A calling task
/// that finds the socket free sends its request itself; otherwise the request is
/// queued for the client's own thread, which also takes the replies. Callers only
/// ever await.
///
/// ```swift
/// let client = BusClient(endpoint: "tcp://127.0.0.1:5555")
/// let reply = try await client.call(.health("tickets"), HealthRequest(), options: .init(timeout: .seconds(2)))
/// await client.close()
/// ```
public final class BusClient: RPCClient {
    enum Command: Sendable {
        case send(PendingCall)
        case stop
    }

    /// Used when neither the call nor an enclosing call sets a deadline.
    public let defaultTimeout: Duration
    let logger: Logger
    let mailbox = Mailbox<Command>()
    let calls: Mutex<ClientCalls>
    let context = ZMQContext()
    private let idPrefix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private let counter = Atomic<UInt64>(0)
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)

    /// Connects (in the background; libzmq reconnects by itself) to the broker, or to
    /// each broker of a comma-separated list: requests then go round-robin to the
    /// brokers connected at the moment, and when one connection breaks, the calls
    /// that are safe to repeat (idempotent, or with an idempotency key) go out again
    /// at once on the others.
    /// - Parameter credentials: CURVE keys when the broker requires them (default: from the environment).
    public init(
        endpoint: String, defaultTimeout: Duration = .seconds(5), credentials: CurveCredentials? = .environment,
        logger: Logger = Logger(label: "bus.client")
    ) {
        self.defaultTimeout = defaultTimeout
        self.logger = logger
        let socket: Result<ZMQSocket, RPCError>
        var descriptor: Int32?
        var monitor: ZMQSocket?
        do {
            let endpoints = endpointList(endpoint)
            let made = try Self.makeSocket(context, credentials: credentials, brokers: endpoints.count)
            do {
                descriptor = try made.fileDescriptor()
                // Watched before it connects, so no handshake event is missed.
                let address = try ZMQMonitor.start(
                    on: made, events: [.disconnected, .handshakeSucceeded, .handshakeFailed])
                monitor = try ZMQMonitor.connect(context, to: address)
                for broker in endpoints { try made.connect(broker) }
            } catch {
                monitor?.close()
                made.close()
                throw error
            }
            socket = .success(made)
        } catch {
            logger.error("bus client cannot connect", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
            socket = .failure(RPCError(.unavailable, "the bus client has no socket: \(error)"))
        }
        calls = Mutex(ClientCalls(socket: socket, resendOnLoss: endpointList(endpoint).count > 1, logger: logger))
        // Used by the loop's thread only, from its start (a full memory barrier) on.
        nonisolated(unsafe) let monitorSocket = monitor
        let thread = LoopThread(name: "bus-client") { [self, descriptor] in
            ClientLoop(client: self, descriptor: descriptor, monitor: monitorSocket).run()
        }
        loop.withLock { $0 = thread }
    }

    /// Calls a method with an encoded payload and returns the encoded reply.
    /// - Throws: `RPCError` with the status the service, the broker or this client
    ///   gave (DEADLINE_EXCEEDED when no reply came in time, CANCELLED when the task
    ///   was, UNAVAILABLE when the connection to the broker broke while waiting,
    ///   UNAUTHENTICATED when the broker refused this client's CURVE handshake).
    public func call(
        service: String, method: String, payload: [UInt8], idempotent: Bool = false,
        options: CallOptions = CallOptions()
    ) async throws -> [UInt8] {
        let id = "\(idPrefix)-\(counter.add(1, ordering: .relaxed).newValue)"
        let context = CallContext.outgoing(requestID: id, options: options, defaultTimeout: defaultTimeout)
        let deadline = context.deadline ?? monotonicMilliseconds()
        let header = RequestHeader(
            request_id: id, deadline_ms: UInt32(clamping: max(deadline - monotonicMilliseconds(), 0)),
            trace_id: context.traceID,
            metadata: context.metadata.sorted { $0.key < $1.key }.map { MetadataEntry(key: $0.key, value: $0.value) },
            idempotency_key: options.idempotencyKey, idempotent: idempotent ? true : nil,
            acting_employee_id: context.actor)
        let frames: Multipart = [
            [], MDP.clientHeader, Array(service.utf8), Array(method.utf8), try header.packed(), payload,
        ]
        return try await send(
            id: id, kind: .rpc, description: "\(service).\(method)", frames: frames, deadline: deadline,
            resendable: idempotent || options.idempotencyKey != nil)
    }

    /// Asks the broker whether `service` has a worker (ZeroMQ RFC 8 `mmi.service`).
    /// - Throws: `RPCError` DEADLINE_EXCEEDED when the broker does not answer in time.
    public func hasWorkers(service: String, timeout: Duration = .seconds(2)) async throws -> Bool {
        let id = "\(idPrefix)-mmi-\(counter.add(1, ordering: .relaxed).newValue)"
        let frames: Multipart = [[], MDP.clientHeader, Array(MDP.mmiService.utf8), Array(service.utf8)]
        let deadline = monotonicMilliseconds() + timeout.wholeMilliseconds
        let code = try await send(id: id, kind: .mmi, description: MDP.mmiService, frames: frames, deadline: deadline)
        return code == Array("200".utf8)
    }

    private func send(
        id: String, kind: PendingCall.Kind, description: String, frames: Multipart, deadline: Int64,
        resendable: Bool = false
    ) async throws -> [UInt8] {
        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                var call = PendingCall(
                    id: id, kind: kind, description: description, frames: frames, deadline: deadline,
                    continuation: continuation)
                call.resendable = resendable
                // Free lock: send now, no thread hop. Busy: queue it; the client's
                // thread sends it with whatever else queued up meanwhile.
                let sent = calls.withLockIfAvailable { calls in
                    let earlierDeadline = calls.send(call)
                    calls.receiveAll()
                    return earlierDeadline
                }
                switch sent {
                case true?: mailbox.wakeup.signal()
                case false?: break
                case nil:
                    if !mailbox.post(.send(call)) {
                        call.continuation.resume(throwing: RPCError(.unavailable, "the bus client was closed"))
                    }
                }
            }
        } onCancel: {
            calls.withLock { $0.cancel(id, deadline: deadline) }
        }
    }

    /// Fails every waiting call with UNAVAILABLE and closes the socket.
    public func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }

    /// A DEALER with the client's options, not yet connected. With several brokers
    /// it queues requests only on connections that are up (`ZMQ_IMMEDIATE`), so a
    /// broker that is down gets none.
    private static func makeSocket(_ context: ZMQContext, credentials: CurveCredentials?, brokers: Int) throws
        -> ZMQSocket
    {
        let socket = try ZMQSocket(context, type: .dealer)
        do {
            try credentials?.apply(to: socket)
            try socket.set(.sendHighWaterMark, 0)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.reconnectIntervalMs, 100)
            try socket.set(.reconnectIntervalMaxMs, 1000)
            if brokers > 1 { try socket.set(.immediate, 1) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }
}
