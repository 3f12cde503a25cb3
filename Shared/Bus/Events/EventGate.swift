import Logging
import ZeroMQ

/// The event proxy's check on what arrives at the events-in socket: with CURVE,
/// a peer publishes only the events of the services it serves (its `serve=`
/// rights), so the web front or the CLI, whose keys are listed, cannot publish
/// `tickets.ticket.resolved`. The topic frame must name such a service and the
/// event must say the same service and type. Without CURVE (no User-Id) everything
/// passes: a plain bus is for loopback only (SECURITY.md).
struct EventGate {
    let access: AccessList?
    private let logger: Logger
    /// Peers already logged for a refused event, so a flood logs once per peer.
    private var logged: Set<String> = []

    init(access: AccessList?, logger: Logger) {
        self.access = access
        self.logger = logger
    }

    /// Whether `frames` from the peer the ZAP handler named `user` may go out.
    mutating func admits(_ frames: Multipart, user: String?) -> Bool {
        guard let access else { return true }
        let topic = frames.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard frames.count == 2, access.may(user, publish: topic), let event = try? Event(wireBytes: frames[1]),
            event.topic == topic
        else {
            refused(user ?? "-", topic: topic)
            return false
        }
        return true
    }

    private mutating func refused(_ peer: String, topic: String) {
        guard logged.insert(peer).inserted else { return }
        logger.warning(
            "dropped an event the peer may not publish (logged once per peer)",
            metadata: ["peer": "\(peer)", "topic": "\(topic.prefix(80))"])
    }
}
