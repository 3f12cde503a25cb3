import Logging
import Wire
import ZeroMQ

/// Receives events from the bus's event proxy (a SUB socket connected to the
/// broker's XPUB endpoint) and hands them over in order per service, with gaps
/// reported (see `GapDetector`).
///
/// ```swift
/// let subscriber = EventSubscriber(endpoint: eventsOut, topics: ["tickets."], positions: ["tickets": consumed])
/// for await delivery in subscriber.deliveries {
///     switch delivery {
///     case .event(let event): apply(event)
///     case .gap(let service, let from, _): try await replay(service, after: from - 1)
///     }
/// }
/// ```
public final class EventSubscriber: Sendable {
    enum Command: Sendable { case stop }

    /// Events in arrival order, gaps reported. Iterate it once.
    public let deliveries: Deliveries
    private let mailbox = Mailbox<Command>()
    private let context = ZMQContext()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)

    /// - Parameters:
    ///   - endpoint: the broker's events-out endpoint.
    ///   - topics: topic prefixes, e.g. `"tickets."`; empty means every event.
    ///   - positions: per service, the last sequence already consumed.
    ///   - bufferSize: events held for a slow consumer; beyond it events are
    ///     dropped and show up as a gap, so memory stays bounded.
    ///   - credentials: CURVE keys when the broker requires them (default: from the environment).
    ///   - detectGaps: false hands over every event as it arrives, repeats and older
    ///     sequences included, for a consumer that checks positions itself (`EventFeed`):
    ///     a stray event can then never make it miss the real one with the same number.
    public init(
        endpoint: String, topics: [String] = [], positions: [String: UInt64] = [:], bufferSize: Int = 10_000,
        credentials: CurveCredentials? = .environment, detectGaps: Bool = true,
        logger: Logger = Logger(label: "bus.events")
    ) {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize))
        deliveries = Deliveries(stream: stream, detector: detectGaps ? GapDetector(positions: positions) : nil)
        let thread = LoopThread(name: "bus-subscriber") { [mailbox, context] in
            defer { continuation.finish() }
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .sub)
                try credentials?.apply(to: socket)
                try socket.set(.receiveHighWaterMark, Int32(clamping: bufferSize))
                for topic in topics.isEmpty ? [""] : topics { try socket.set(.subscribe, Array(topic.utf8)) }
                // Several brokers: each event comes from each (a repeat is no news).
                for broker in endpointList(endpoint) { try socket.connect(broker) }
            } catch {
                return logger.error("event subscriber cannot connect", metadata: ["error": "\(error)"])
            }
            defer { socket.close() }
            var poller = Poller(sockets: [socket], wakeup: mailbox.wakeup)
            while let ready = try? poller.wait(timeoutMs: -1) {
                if ready.woken, !mailbox.takeAll().isEmpty { return }
                while let frames = try? socket.receive() {
                    // The topic frame is what the broker checked against the publisher's rights:
                    // an event claiming another service than its topic is dropped.
                    guard frames.count == 2, let event = try? Event(wireBytes: frames[1]),
                        frames[0] == Array(event.topic.utf8)
                    else {
                        logger.debug("dropped an event that does not decode or does not match its topic")
                        continue
                    }
                    continuation.yield(event)
                }
            }
        }
        loop.withLock { $0 = thread }
    }

    /// Stops receiving; `deliveries` ends after what it holds.
    public func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }

    /// The subscriber's events with gap detection (if on) applied as the consumer reads them.
    public struct Deliveries: AsyncSequence, Sendable {
        let stream: AsyncStream<Event>
        let detector: GapDetector?

        public func makeAsyncIterator() -> Iterator {
            Iterator(events: stream.makeAsyncIterator(), detector: detector)
        }

        public struct Iterator: AsyncIteratorProtocol {
            var events: AsyncStream<Event>.Iterator
            var detector: GapDetector?
            var ready: [EventDelivery] = []

            public mutating func next() async -> EventDelivery? {
                while ready.isEmpty {
                    guard let event = await events.next() else { return nil }
                    ready = detector?.accept(event) ?? [.event(event)]
                }
                return ready.removeFirst()
            }
        }
    }
}
