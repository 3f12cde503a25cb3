/// How the broker listens and how patient it is.
///
/// Configuration keys (flag / environment variable / default):
/// - `--endpoint` / `GLIMLACH_BUS_ENDPOINT` / `tcp://127.0.0.1:5555`: the Majordomo ROUTER.
/// - `--events-in` / `GLIMLACH_EVENTS_IN` / `tcp://127.0.0.1:5556`: XSUB, publishers connect.
/// - `--events-out` / `GLIMLACH_EVENTS_OUT` / `tcp://127.0.0.1:5557`: XPUB, subscribers connect.
/// - `--heartbeat-ms` / `GLIMLACH_HEARTBEAT_MS` / 1000 and `--liveness` / `GLIMLACH_LIVENESS` / 3:
///   the broker heartbeats every interval; a worker silent for interval x liveness is dead.
/// - `--stock-worker-heartbeat-ms` / `GLIMLACH_STOCK_WORKER_HEARTBEAT_MS` / 2500: the
///   interval assumed for a stock MDP worker (READY without a concurrency frame), which
///   sends no heartbeat while it computes; it is dead after liveness x this (7.5 s),
///   as in the ZeroMQ Guide's `mdbroker`.
/// - `--default-deadline-ms` / `GLIMLACH_DEFAULT_DEADLINE_MS` / 30000: for requests without one.
/// - `--max-queue` / `GLIMLACH_MAX_QUEUE` / 10000: waiting requests per service before
///   RESOURCE_EXHAUSTED.
/// - `--max-message-bytes` / `GLIMLACH_MAX_MESSAGE_BYTES` / 16 MiB: larger messages
///   make libzmq drop the sender's connection, on the RPC and both event sockets.
/// - `--curve-key` / `GLIMLACH_CURVE_KEY` and `--access-list` / `GLIMLACH_ACCESS_LIST`:
///   the broker's key pair file and who may connect, serve and call (see `AccessList`);
///   both or neither.
public struct BrokerConfiguration: Sendable {
    public var endpoint = "tcp://127.0.0.1:5555"
    public var eventsIn = "tcp://127.0.0.1:5556"
    public var eventsOut = "tcp://127.0.0.1:5557"
    public var heartbeatIntervalMs: Int64 = 1000
    public var liveness: Int64 = 3
    /// The heartbeat interval of the ZeroMQ Guide's `mdwrkapi`, assumed for stock workers.
    public var stockWorkerHeartbeatMs: Int64 = 2500
    public var defaultDeadlineMs: Int64 = 30_000
    public var maxQueuePerService = 10_000
    public var maxMessageBytes: Int64 = 16 << 20
    /// Outgoing event backlog per subscriber before libzmq drops events for it
    /// (the subscriber sees a gap and replays).
    public var eventHighWaterMark: Int32 = 100_000
    public var version = GlimlachRelease.version
    /// CURVE on every socket, with the access list deciding who may connect, serve
    /// and call; nil: plain TCP (loopback development).
    public var security: BrokerSecurity?

    public init() {}

    /// Every endpoint on an ephemeral loopback port, for tests.
    public static func ephemeral() -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.endpoint = "tcp://127.0.0.1:*"
        configuration.eventsIn = "tcp://127.0.0.1:*"
        configuration.eventsOut = "tcp://127.0.0.1:*"
        return configuration
    }
}

/// The endpoints a started broker actually bound (ports resolved).
public struct BrokerEndpoints: Sendable, Equatable {
    public let requests: String
    public let eventsIn: String
    public let eventsOut: String
}
