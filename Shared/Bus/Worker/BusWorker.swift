import Logging
import ServiceLifecycle
import Wire
import ZeroMQ

/// Serves a `ServiceRouter` on the bus as one Majordomo worker that runs up to
/// `concurrency` requests at once. The socket lives on the worker's own thread;
/// handlers run as tasks and post their replies back to it.
public final class BusWorker: Service, Sendable {
    enum Command: Sendable {
        case reply(address: [UInt8], frames: Multipart)
        case stop
    }

    public let router: ServiceRouter
    public let configuration: WorkerConfiguration
    let logger: Logger
    let mailbox = Mailbox<Command>()
    private let context = ZMQContext()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)

    public init(router: ServiceRouter, configuration: WorkerConfiguration, logger: Logger) {
        self.router = router
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "service"] = "\(router.service)"
        self.logger = logger
    }

    /// Connects and registers with the broker (libzmq connects in the background).
    public func start() {
        let thread = LoopThread(name: "bus-worker-\(router.service)") { [self] in
            var loop = WorkerLoop(worker: self)
            loop.run()
        }
        loop.withLock { $0 = thread }
    }

    /// Tells the broker to send no more work, lets running requests finish (up to
    /// the drain timeout), then closes the socket.
    public func stop() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }

    public func run() async throws {
        start()
        try? await gracefulShutdown()
        await stop()
    }

    /// Runs one request as a task and posts the reply frames back to the loop.
    func serve(address: [UInt8], method: String, header: RequestHeader?, payload: [UInt8], receivedAt: Int64) {
        let budget = header?.deadline_ms.map(Int64.init)
        let requestID = header?.request_id ?? "-"
        let context = CallContext(
            deadline: budget.map { receivedAt + $0 }, requestID: requestID, traceID: header?.trace_id ?? requestID,
            idempotencyKey: header?.idempotency_key,
            metadata: Dictionary((header?.metadata ?? []).map { ($0.key, $0.value ?? "") }) { $1 })
        Task { [router, logger, mailbox] in
            let (reply, body): (ReplyHeader, [UInt8])
            if let remaining = context.remainingMs, remaining <= 0 {
                let error = RPCError(.deadlineExceeded, "\(router.service).\(method) expired before it started")
                (reply, body) = (ReplyHeader(request_id: requestID, error: error), [])
            } else {
                (reply, body) = await router.handle(method: method, payload: payload, context: context, logger: logger)
            }
            let headerBytes = (try? reply.wireBytes()) ?? []
            mailbox.post(.reply(address: address, frames: [headerBytes, body]))
        }
    }

    func makeSocket() throws -> ZMQSocket {
        let socket = try ZMQSocket(context, type: .dealer)
        try configuration.credentials?.apply(to: socket)
        try socket.set(.sendHighWaterMark, 0)
        try socket.set(.receiveHighWaterMark, 0)
        try socket.set(.reconnectIntervalMs, 100)
        try socket.set(.reconnectIntervalMaxMs, 1000)
        try socket.connect(configuration.endpoint)
        return socket
    }
}
