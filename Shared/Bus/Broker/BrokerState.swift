import DequeModule
import Logging
import ZeroMQ

/// The broker's bookkeeping, free of sockets: messages in, messages out (`outbox`,
/// each starting with the peer's identity frame). The loop in `Broker` feeds it.
struct BrokerState {
    struct Request {
        let client: [UInt8]
        let service: String
        var body: Multipart
        let header: RequestHeader?
        let deadline: Int64
        let queuedAt: Int64
        var requestID: String? { header?.request_id }
        var idempotent: Bool { header?.idempotent == true }
    }

    struct InFlight {
        var request: Request
        let worker: [UInt8]
        /// The broker already answered the client (deadline passed); the worker's
        /// late reply only frees its slot.
        var answered = false
    }

    struct Worker {
        let service: String
        let capacity: Int
        /// How long the worker may stay silent before it counts as dead.
        let silenceMs: Int64
        var tickets: Set<UInt64> = []
        var expiry: Int64
        /// Sent DISCONNECT with requests still running: gets no new work, but its
        /// replies are still forwarded until it has none left.
        var retiring = false
        var hasFreeSlot: Bool { !retiring && tickets.count < capacity }
    }

    struct Service {
        var waiting = Deque<Request>()
        /// Registered workers, least recently dispatched to first.
        var workers: [[UInt8]] = []
        var inFlight = 0
        var served: UInt64 = 0
        var failed: UInt64 = 0
    }

    let configuration: BrokerConfiguration
    let logger: Logger
    let startedAt: Int64
    var services: [String: Service] = [:]
    var workers: [[UInt8]: Worker] = [:]
    var inFlight: [UInt64: InFlight] = [:]
    var nextTicket: UInt64 = 1
    var nextHeartbeat: Int64
    var nextExpiryScan: Int64
    var outbox: [Multipart] = []

    init(configuration: BrokerConfiguration, logger: Logger, now: Int64) {
        self.configuration = configuration
        self.logger = logger
        startedAt = now
        nextHeartbeat = now + configuration.heartbeatIntervalMs
        nextExpiryScan = now
    }

    /// How long a worker may stay silent: liveness heartbeats of the broker's
    /// interval for a Glimlach worker (it heartbeats while handlers run), of the
    /// slower `stockWorkerHeartbeatMs` for a stock MDP worker (no concurrency frame
    /// in READY), which sends nothing while it computes.
    func workerSilenceMs(stock: Bool) -> Int64 {
        let interval = configuration.heartbeatIntervalMs
        return (stock ? max(interval, configuration.stockWorkerHeartbeatMs) : interval) * configuration.liveness
    }

    /// Milliseconds until `tick` has work: the next heartbeat, or a deadline scan
    /// every 10 ms while requests wait or run.
    func millisecondsUntilTick(now: Int64) -> Int {
        var next = nextHeartbeat
        if !inFlight.isEmpty || services.values.contains(where: { !$0.waiting.isEmpty }) {
            next = min(next, nextExpiryScan)
        }
        return Int(max(0, next - now))
    }

    /// Hands the queued messages to the loop.
    mutating func takeOutbox() -> [Multipart] {
        defer { outbox.removeAll(keepingCapacity: true) }
        return outbox
    }
}
