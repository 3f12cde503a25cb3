import Logging
import Wire
import ZeroMQ

/// Publishes committed events to the bus's event proxy (a PUB socket connected to
/// the broker's XSUB endpoint). Publish only after the commit that made the event,
/// in sequence order; subscribers that miss one replay it through `Since`.
public final class EventPublisher: Sendable {
    enum Command: Sendable {
        case publish(topic: [UInt8], bytes: [UInt8])
        case stop
    }

    private let mailbox = Mailbox<Command>()
    private let context = ZMQContext()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)
    private let logger: Logger

    /// - Parameters:
    ///   - endpoint: the broker's events-in endpoint.
    ///   - credentials: CURVE keys when the broker requires them (default: from the environment).
    public init(endpoint: String, credentials: CurveCredentials? = .environment, logger: Logger = Logger(label: "bus.events")) {
        self.logger = logger
        let thread = LoopThread(name: "bus-publisher") { [mailbox, context, logger] in
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .pub)
                try credentials?.apply(to: socket)
                try socket.connect(endpoint)
            } catch {
                return logger.error("event publisher cannot connect", metadata: ["error": "\(error)"])
            }
            defer { socket.close() }
            var poller = Poller(sockets: [], wakeup: mailbox.wakeup)
            while (try? poller.wait(timeoutMs: -1)) != nil {
                for command in mailbox.takeAll() {
                    switch command {
                    case .publish(let topic, let bytes):
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
    /// - Throws: `WireError` when the event does not encode.
    public func publish(_ event: Event) throws {
        mailbox.post(.publish(topic: Array(event.topic.utf8), bytes: try event.wireBytes()))
    }

    /// Sends what is queued and closes the socket.
    public func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }
}
