import Bus
import Logging
import ServiceLifecycle
import Synchronization

/// Follows the committed events of other services exactly once and in order, for
/// a consumer that keeps its own position per service (feedback follows tickets;
/// analytics follows all three).
///
/// `run()` subscribes to the live stream, catches up through each service's `Since`
/// pages, then follows the stream. A live event only says that its service has
/// committed something new: what is applied always comes from the service's own
/// `Since` (one call brings every event committed since the last, so a burst costs
/// few calls). An event published by anyone else under the same sequence number
/// therefore changes nothing and cannot take a real event's place. `Since` is also
/// asked every `resyncInterval` (an event lost at the end of a burst shows no
/// jump), so an event dropped anywhere is still applied. A service that does not
/// answer is retried with backoff: nothing is skipped. A service whose last
/// event is older than the position (its data restored from a backup) is followed
/// from that last event on. `apply` sees one event at a time; it should store the new position with
/// its effect in one transaction, so that a restart resumes where the last commit
/// left off, and pass the stored positions to `init`.
///
/// ```swift
/// let feed = EventFeed(services: ["tickets"], client: host.client, eventsEndpoint: options.eventsOut,
///                      positions: try await store.positions(), logger: host.logger) { event in
///     try await store.apply(event)
/// }
/// try await feed.catchUp()               // optional: be current before serving
/// try await host.run(router: router, extraServices: [feed])
/// ```
public final class EventFeed: Service, Sendable {
    public typealias Apply = @Sendable (Event) async throws -> Void

    public let services: [String]
    private let client: any RPCClient
    private let eventsEndpoint: String
    private let pageSize: UInt32
    private let resyncInterval: Duration
    private let logger: Logger
    private let apply: Apply
    private let state: Mutex<[String: UInt64]>

    /// - Parameters:
    ///   - services: the services to follow, e.g. `["tickets"]`.
    ///   - positions: per service, the last sequence the consumer has applied (0: none).
    ///   - resyncInterval: how often `Since` is asked anyway, whatever the stream brings.
    ///   - apply: applies one event; throwing retries the same event after a pause.
    public init(
        services: [String], client: any RPCClient, eventsEndpoint: String, positions: [String: UInt64] = [:],
        pageSize: UInt32 = 500, resyncInterval: Duration = .seconds(2), logger: Logger,
        apply: @escaping Apply
    ) {
        self.services = services
        self.client = client
        self.eventsEndpoint = eventsEndpoint
        self.pageSize = pageSize
        self.resyncInterval = resyncInterval
        self.logger = logger
        self.apply = apply
        state = Mutex(Dictionary(uniqueKeysWithValues: services.map { ($0, positions[$0] ?? 0) }))
    }

    /// The last applied sequence per service.
    public var positions: [String: UInt64] { state.withLock { $0 } }

    /// Applies every committed event of every followed service, waiting for
    /// services that do not answer yet. Returns once all are current.
    /// - Throws: `CancellationError` when the task is cancelled.
    public func catchUp() async throws {
        for service in services { try await catchUp(service) }
    }

    /// Catches up, then follows the live stream until cancelled or shut down.
    /// Shutdown and cancellation end it normally (the subscriber closed either way):
    /// a `ServiceGroup` would otherwise count the `CancellationError` of a pause or a
    /// pending `Since` as the service failing.
    public func run() async throws {
        // Positions are the feed's own: the subscriber hands over every event unchecked.
        let subscriber = EventSubscriber(
            endpoint: eventsEndpoint, topics: services.map { "\($0)." }, detectGaps: false, logger: logger)
        do {
            try await cancelWhenGracefulShutdown {
                try await self.catchUp()
                try await self.follow(subscriber)
            }
        } catch {
            await subscriber.close()
            if error is CancellationError || Task.isCancelled { return }
            throw error
        }
        await subscriber.close()
    }

    private enum Input: Sendable {
        case delivery(EventDelivery)
        case quiet
    }

    private func follow(_ subscriber: EventSubscriber) async throws {
        let (inputs, continuation) = AsyncStream<Input>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await delivery in subscriber.deliveries { continuation.yield(.delivery(delivery)) }
                continuation.finish()
            }
            group.addTask { [resyncInterval] in
                while !Task.isCancelled {
                    try await Task.sleep(for: resyncInterval)
                    continuation.yield(.quiet)
                }
            }
            for await input in inputs {
                switch input {
                case .delivery(.event(let event)): try await receive(event)
                case .delivery(.gap): break  // not reported without gap detection
                case .quiet: try await catchUp()
                }
            }
            group.cancelAll()
        }
    }

    /// A live event of a followed service past its position: the events are taken
    /// from the service's `Since`, never from the stream (see the type's docs).
    private func receive(_ event: Event) async throws {
        guard services.contains(event.service), event.sequence > (state.withLock { $0[event.service] } ?? 0) else {
            return
        }
        try await catchUp(event.service)
    }

    private func catchUp(_ service: String) async throws {
        let since = Method<SinceRequest, SinceReply>(service: service, name: "Since", idempotent: true)
        while true {
            let after = state.withLock { $0[service] } ?? 0
            let page = try await withRetry(service) {
                try await self.client.call(since, SinceRequest(after_sequence: after, limit: self.pageSize))
            }
            if page.last_sequence < after {
                // The service's data was restored from a backup taken before events this
                // consumer applied: what it commits next reuses those numbers.
                logger.warning(
                    "event feed: service is behind the position applied here (restored from a backup?); following it from its last event",
                    metadata: ["service": "\(service)", "position": "\(after)", "last": "\(page.last_sequence)"])
                state.withLock { $0[service] = page.last_sequence }
                return
            }
            for event in page.events where event.sequence > (state.withLock { $0[service] } ?? 0) {
                guard event.sequence == (state.withLock { $0[service] } ?? 0) + 1 else {
                    throw RPCError(.dataLoss, "\(service).Since skipped from \(after) to \(event.sequence)")
                }
                try await applyRetrying(event)
            }
            if page.events.isEmpty || (state.withLock { $0[service] } ?? 0) >= page.last_sequence { return }
        }
    }

    private func applyRetrying(_ event: Event) async throws {
        try await withRetry(event.service) { try await self.apply(event) }
        state.withLock { $0[event.service] = event.sequence }
    }

    /// Retries `body` with backoff (100 ms doubling to 2 s) until it succeeds or
    /// the task is cancelled: the feed waits out a service or database that is down.
    private func withRetry<T>(_ service: String, _ body: () async throws -> T) async throws -> T {
        var pause = Duration.milliseconds(100)
        while true {
            do { return try await body() } catch {
                try Task.checkCancellation()
                logger.warning("event feed retrying", metadata: ["service": "\(service)", "error": "\(error)"])
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
    }
}
