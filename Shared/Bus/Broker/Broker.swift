import Logging
import RPC
import ServiceLifecycle
import ZeroMQ

/// The bus: a Majordomo broker on a ROUTER socket plus the XSUB/XPUB proxy for
/// domain events, all owned by one dedicated thread.
///
/// ```swift
/// let broker = Broker(configuration: .ephemeral(), logger: logger)
/// let endpoints = try await broker.start()
/// ... connect clients and workers to endpoints.requests ...
/// await broker.stop()
/// ```
/// As a swift-service-lifecycle `Service`, `run()` starts it and stops it on
/// graceful shutdown.
public final class Broker: Service, Sendable {
    enum Command: Sendable {
        case stop
    }

    public let configuration: BrokerConfiguration
    private let logger: Logger
    private let mailbox = Mailbox<Command>()
    private let context = ZMQContext()

    public init(configuration: BrokerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Binds the sockets and starts the loop thread.
    /// - Returns: the endpoints bound (ports resolved when the configuration used `*`).
    /// - Throws: `ZMQError` when an endpoint cannot be bound (EADDRINUSE, EINVAL).
    public func start() async throws -> BrokerEndpoints {
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<BrokerEndpoints, any Error>) in
            let thread = LoopThread(name: "bus-broker") { [self] in
                try runLoop(started: started)
            }
            self.thread.withLock { $0 = thread }
        }
    }

    /// Stops the loop, closes the sockets and terminates the context.
    public func stop() async {
        mailbox.post(.stop)
        await thread.withLock { $0 }?.join()
        await zap.withLock { $0 }?.close()
        context.terminate()
    }

    /// Serves until graceful shutdown; throws the `LoopFailure` when the loop fails
    /// first, which ends the service group.
    public func run() async throws {
        let endpoints = try await start()
        logger.info(
            "bus listening",
            metadata: [
                "requests": "\(endpoints.requests)", "events-in": "\(endpoints.eventsIn)",
                "events-out": "\(endpoints.eventsOut)",
            ])
        let thread = self.thread.withLock { $0 }
        await cancelWhenGracefulShutdown { await thread?.joinUnlessCancelled() }
        let failure = thread?.failure
        await stop()
        if let failure { throw failure }
        logger.info("bus stopped")
    }

    private let thread = SendableBox<LoopThread?>(nil)
    private let zap = SendableBox<ZAPHandler?>(nil)

    /// - Throws: `LoopFailure` when a socket or poll fails after the start.
    private func runLoop(started: CheckedContinuation<BrokerEndpoints, any Error>) throws {
        let router: ZMQSocket, eventsIn: ZMQSocket, eventsOut: ZMQSocket
        do {
            router = try ZMQSocket(context, type: .router)
            eventsIn = try ZMQSocket(context, type: .xsub)
            eventsOut = try ZMQSocket(context, type: .xpub)
        } catch {
            return started.resume(throwing: error)
        }
        defer { [router, eventsIn, eventsOut].forEach { $0.close() } }
        do {
            if let security = configuration.security {
                let handler = try ZAPHandler(context: context, access: security.access, logger: logger)
                zap.withLock { $0 = handler }
                for socket in [router, eventsIn, eventsOut] {
                    try socket.makeCurveServer(security.keys, domain: BrokerSecurity.zapDomain)
                }
            }
            // Publishers and subscribers are held to the same limit as the RPC socket.
            for socket in [router, eventsIn, eventsOut] { try socket.setMaxMessageSize(configuration.maxMessageBytes) }
            try router.set(.sendHighWaterMark, 0)
            try router.set(.receiveHighWaterMark, 0)
            try eventsOut.set(.sendHighWaterMark, configuration.eventHighWaterMark)
            try router.bind(configuration.endpoint)
            try eventsIn.bind(configuration.eventsIn)
            try eventsOut.bind(configuration.eventsOut)
        } catch {
            return started.resume(throwing: error)
        }
        started.resume(
            returning: BrokerEndpoints(
                requests: router.lastEndpoint, eventsIn: eventsIn.lastEndpoint, eventsOut: eventsOut.lastEndpoint))

        var state = BrokerState(configuration: configuration, logger: logger, now: monotonicMilliseconds())
        var metrics = BrokerMetrics()
        var gate = EventGate(access: configuration.security?.access, logger: logger)
        var poller = Poller(sockets: [router, eventsIn, eventsOut], wakeup: mailbox.wakeup)
        while true {
            do {
                let ready = try poller.wait(timeoutMs: state.millisecondsUntilTick(now: monotonicMilliseconds()))
                if ready.woken, mailbox.takeAll().contains(where: { if case .stop = $0 { true } else { false } }) {
                    return
                }
                for index in ready.sockets {
                    switch index {
                    case 0:
                        for _ in 0..<512 {
                            if configuration.security == nil {
                                guard let frames = try router.receive() else { break }
                                state.receive(frames, now: monotonicMilliseconds())
                            } else {
                                guard let (frames, user) = try router.receiveWithUserID() else { break }
                                state.receive(frames, user: user, now: monotonicMilliseconds())
                            }
                        }
                    case 1: try forwardEvents(from: eventsIn, to: eventsOut, through: &gate)
                    default: try forward(from: eventsOut, to: eventsIn)
                    }
                }
                let now = monotonicMilliseconds()
                state.tick(now: now)
                for message in state.takeOutbox() { try router.send(message) }
                metrics.record(state.listing(), now: now)
            } catch {
                let failure = LoopFailure(loop: "the bus broker", reason: "\(error)")
                logger.critical("\(failure)")
                throw failure
            }
        }
    }

    /// The event proxy's way in: events the gate admits go from XSUB to XPUB.
    private func forwardEvents(
        from source: ZMQSocket, to destination: ZMQSocket, through gate: inout EventGate
    ) throws {
        guard gate.access != nil else { return try forward(from: source, to: destination) }
        for _ in 0..<512 {
            guard let (message, user) = try source.receiveWithUserID() else { return }
            if gate.admits(message, user: user) { try destination.send(message) }
        }
    }

    /// The event proxy: XSUB to XPUB carries events, XPUB to XSUB subscriptions.
    private func forward(from source: ZMQSocket, to destination: ZMQSocket) throws {
        for _ in 0..<512 {
            guard let message = try source.receive() else { return }
            try destination.send(message)
        }
    }
}
