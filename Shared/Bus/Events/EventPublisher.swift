import Logging
import Wire
import ZeroMQ

/// Publishes committed events to the bus's event proxy (a PUB socket connected to
/// the broker's XSUB endpoint). Publish only after the commit that made the event,
/// in sequence order; subscribers that miss one replay it through `Since`.
///
/// At most `capacity` events wait to be sent; past that `publish` refuses with
/// `QueueFull` instead of holding ever more memory. A loop that fails logs why and
/// `failed()` returns its `LoopFailure`.
public final class EventPublisher: Sendable {
    enum Command: Sendable {
        case publish(topic: [UInt8], bytes: [UInt8])
        case stop
    }

    /// Events queued by default before `publish` refuses.
    public static let defaultCapacity = 65_536

    /// The most events that wait to be sent.
    public let capacity: Int
    private let mailbox = Mailbox<Command>()
    private let context = ZMQContext()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)
    private let logger: Logger
    /// Events posted to the loop and not yet taken by it.
    private let waiting = SendableBox(0)

    /// - Parameters:
    ///   - endpoint: the broker's events-in endpoint.
    ///   - credentials: CURVE keys when the broker requires them (default: from the environment).
    ///   - capacity: the most events that wait to be sent.
    public init(
        endpoint: String, credentials: CurveCredentials? = .environment, capacity: Int = EventPublisher.defaultCapacity,
        logger: Logger = Logger(label: "bus.events")
    ) {
        self.logger = logger
        self.capacity = capacity
        let thread = LoopThread(name: "bus-publisher") { [mailbox, context, logger, waiting] in
            func failed(_ reason: String) -> LoopFailure {
                let failure = LoopFailure(loop: "the event publisher", reason: reason)
                logger.critical("\(failure)")
                return failure
            }
            let socket: ZMQSocket
            do { socket = try ZMQSocket(context, type: .pub) } catch { throw failed("\(error)") }
            defer { socket.close() }
            do {
                try credentials?.apply(to: socket)
                // Several brokers: a PUB socket sends every event to each of them.
                for broker in endpointList(endpoint) { try socket.connect(broker) }
            } catch {
                throw failed("cannot connect to \(endpoint): \(error)")
            }
            var poller = Poller(sockets: [], wakeup: mailbox.wakeup)
            while true {
                do { _ = try poller.wait(timeoutMs: -1) } catch { throw failed("\(error)") }
                for command in mailbox.takeAll() {
                    switch command {
                    case .publish(let topic, let bytes):
                        waiting.withLock { $0 -= 1 }
                        // A PUB socket drops for subscribers past their high-water mark; they see the gap.
                        _ = try? socket.send([topic, bytes])
                    case .stop:
                        return
                    }
                }
            }
        }
        loop.withLock { $0 = thread }
    }

    /// Queues `event` for publication under the topic "<service>.<type>".
    /// - Throws: `WireError` when the event does not encode; `QueueFull` when
    ///   `capacity` events already wait (subscribers replay it through `Since`).
    public func publish(_ event: Event) throws {
        let bytes = try event.wireBytes()
        try waiting.withLock { count in
            guard count < capacity else { throw QueueFull(capacity: capacity) }
            count += 1
        }
        mailbox.post(.publish(topic: Array(event.topic.utf8), bytes: bytes))
    }

    /// Events queued and not yet sent.
    public var queued: Int { waiting.withLock { $0 } }

    /// Returns once the loop has ended or the calling task is cancelled: the
    /// `LoopFailure` when the loop failed, else nil.
    public func failed() async -> LoopFailure? {
        let thread = loop.withLock { $0 }
        await thread?.joinUnlessCancelled()
        return thread?.failure as? LoopFailure
    }

    /// Sends what is queued and closes the socket.
    public func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }

    /// `publish` refused an event: `capacity` events already wait to be sent.
    public struct QueueFull: Error, CustomStringConvertible {
        /// The publisher's capacity.
        public let capacity: Int

        public var description: String { "the event publisher's queue is full (\(capacity) events wait to be sent)" }
    }
}
