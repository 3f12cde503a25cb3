import Dispatch
import Logging
import ZeroMQ

/// Answers libzmq's authentication requests (ZeroMQ RFC 27, ZAP) for the CURVE
/// server sockets of one context: a client key on the access list is let in with
/// the peer's name as its User-Id; any other key is refused. Without a handler
/// libzmq would accept every client key.
final class ZAPHandler: Sendable {
    enum Command: Sendable { case stop }

    static let endpoint = "inproc://zeromq.zap.01"
    private let mailbox = Mailbox<Command>()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)

    /// Binds the handler in `context` and returns once it answers.
    /// - Throws: `ZMQError` when the ZAP endpoint cannot be bound.
    init(context: ZMQContext, access: AccessList, logger: Logger) throws {
        let bound = DispatchSemaphore(value: 0)
        let failure = SendableBox<ZMQError?>(nil)
        let thread = LoopThread(name: "bus-zap") { [mailbox] in
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .rep)
                try socket.bind(Self.endpoint)
            } catch {
                failure.withLock { $0 = error as? ZMQError }
                _ = bound.signal()
                return
            }
            defer { socket.close() }
            _ = bound.signal()
            var poller = Poller(sockets: [socket], wakeup: mailbox.wakeup)
            while let ready = try? poller.wait(timeoutMs: -1) {
                if ready.woken, !mailbox.takeAll().isEmpty { return }
                while let request = try? socket.receive() {
                    _ = try? socket.send(Self.answer(request, access: access, logger: logger))
                }
            }
        }
        bound.wait()
        loop.withLock { $0 = thread }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
    }

    /// The reply to one ZAP request:
    /// `version, request id, domain, address, identity, mechanism, credentials...`.
    static func answer(_ request: Multipart, access: AccessList, logger: Logger) -> Multipart {
        guard request.count >= 6, request[0] == Array("1.0".utf8) else {
            return [Array("1.0".utf8), request.count > 1 ? request[1] : [], Array("500".utf8), Array("bad ZAP request".utf8), [], []]
        }
        let reply = { (code: String, text: String, user: String) -> Multipart in
            [Array("1.0".utf8), request[1], Array(code.utf8), Array(text.utf8), Array(user.utf8), []]
        }
        let mechanism = String(decoding: request[5], as: UTF8.self)
        guard mechanism == "CURVE", request.count >= 7, let key = CurveKeyPair.z85(request[6]) else {
            return reply("400", "CURVE required", "")
        }
        guard let peer = access.peer(publicKey: key) else {
            logger.warning(
                "refused an unknown key", metadata: ["key": "\(key)", "address": "\(String(decoding: request[3], as: UTF8.self))"])
            return reply("400", "unknown key", "")
        }
        return reply("200", "OK", peer.name)
    }
}
