import Logging
import RPC
import ServiceLifecycle
import Synchronization
import Wire
import ZeroMQ

/// Serves a `ServiceRouter` on the bus as one Majordomo worker that runs up to
/// `concurrency` requests at once. The worker's own thread registers, heartbeats and
/// receives; handlers run as tasks (started on that thread, see
/// `ServiceRouter.HandlerStart`) and send their replies themselves on the same
/// socket (a `SharedSocket`), which saves waking that thread once per request.
public final class BusWorker: Service, Sendable {
    enum Command: Sendable {
        case stop
    }

    public let router: ServiceRouter
    public let configuration: WorkerConfiguration
    let logger: Logger
    let mailbox = Mailbox<Command>()
    /// The loop's current socket; handler tasks send their replies on it themselves.
    let socket = SendableBox<SharedSocket?>(nil)
    /// Requests received and not yet answered.
    let running = Atomic<Int>(0)
    /// Set once `stop()` asked the loop to drain.
    let stopping = Atomic<Bool>(false)
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
    /// A loop that fails logs why; `run()` then ends with a `LoopFailure`.
    public func start() {
        let thread = LoopThread(name: "bus-worker-\(router.service)") { [self] in
            var loop = WorkerLoop(worker: self)
            do { try loop.run() } catch {
                let failure = LoopFailure(loop: "the bus worker for \(router.service)", reason: "\(error)")
                logger.critical("\(failure)")
                throw failure
            }
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

    /// Serves until graceful shutdown; throws the `LoopFailure` when the loop fails
    /// first, which ends the service group.
    public func run() async throws {
        start()
        let thread = loop.withLock { $0 }
        await cancelWhenGracefulShutdown { await thread?.joinUnlessCancelled() }
        let failure = thread?.failure
        await stop()
        if let failure { throw failure }
    }

    /// Runs one request as a task, which sends the reply itself; the task starts
    /// where the router's `handlerStart` says.
    func serve(address: [UInt8], method: String, header: RequestHeader?, payload: [UInt8], receivedAt: Int64) {
        let budget = header?.deadline_ms.map(Int64.init)
        let requestID = header?.request_id ?? "-"
        let context = CallContext(
            deadline: budget.map { receivedAt + $0 }, requestID: requestID, traceID: header?.trace_id ?? requestID,
            idempotencyKey: header?.idempotency_key,
            metadata: Dictionary((header?.metadata ?? []).map { ($0.key, $0.value ?? "") }) { $1 },
            actor: header?.acting_employee_id.flatMap { $0.isEmpty ? nil : $0 })
        let operation: @Sendable () async -> Void = { [self] in
            let (reply, body): (ReplyHeader, [UInt8])
            if let remaining = context.remainingMs, remaining <= 0 {
                let error = RPCError(.deadlineExceeded, "\(router.service).\(method) expired before it started")
                (reply, body) = (ReplyHeader(request_id: requestID, error: error), [])
            } else {
                switch await router.handle(method: method, payload: payload, context: context, logger: logger) {
                case .success(let bytes): (reply, body) = (ReplyHeader(request_id: requestID, code: .ok), bytes)
                case .failure(let error): (reply, body) = (ReplyHeader(request_id: requestID, error: error), [])
                }
            }
            var answer = reply
            // Without a request id the reply carries none (the context's "-" is for logs).
            answer.request_id = header?.request_id
            sendReply([address, [], (try? answer.packed()) ?? [], body])
        }
        switch router.handlerStart {
        case .workerThread: Task.immediate(operation: operation)
        case .taskPool: Task(operation: operation)
        }
    }

    /// Answers a request that cannot be served (its header does not decode) with
    /// `error`, without running a handler.
    func refuse(address: [UInt8], _ error: RPCError) {
        sendReply([address, [], (try? ReplyHeader(request_id: nil, error: error).packed()) ?? [], []])
    }

    /// `"" MDPW01 0x03 address "" header payload`, from the handler's task.
    private func sendReply(_ envelope: Multipart) {
        let current = socket.withLock { $0 }
        do { try current?.send([[], MDP.workerHeader, MDP.Command.reply.frame] + envelope) } catch {
            logger.warning("worker send failed", metadata: ["error": "\(error)"])
        }
        running.subtract(1, ordering: .sequentiallyConsistent)
        // A draining loop waits for the count to reach zero.
        if stopping.load(ordering: .sequentiallyConsistent) { mailbox.wakeup.signal() }
    }

    func makeSocket() throws -> ZMQSocket {
        let socket = try ZMQSocket(context, type: .dealer)
        do {
            try configuration.credentials?.apply(to: socket)
            try socket.set(.sendHighWaterMark, 0)
            try socket.set(.receiveHighWaterMark, 0)
            try socket.set(.reconnectIntervalMs, 100)
            try socket.set(.reconnectIntervalMaxMs, 1000)
            try socket.connect(configuration.endpoint)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }
}
