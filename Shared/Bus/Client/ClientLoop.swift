import DequeModule
import Logging
import Wire
import ZeroMQ

/// The client's thread: sends queued calls, matches replies, expires deadlines.
struct ClientLoop {
    let client: BusClient
    let endpoint: String
    private var pending: [String: PendingCall] = [:]
    private var discovery = Deque<PendingCall>()
    private var cancelledBeforeSend: Set<String> = []
    private var nextExpiry = Int64.max

    init(client: BusClient, endpoint: String) {
        self.client = client
        self.endpoint = endpoint
    }

    mutating func run() {
        let socket: ZMQSocket
        do { socket = try client.makeSocket(endpoint: endpoint) } catch {
            client.logger.error("bus client cannot connect", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
            return drainUntilStopped()
        }
        defer { socket.close() }
        var poller = Poller(sockets: [socket], wakeup: client.mailbox.wakeup)
        while true {
            let timeout = nextExpiry == .max ? -1 : Int(max(0, nextExpiry - monotonicMilliseconds()))
            guard let ready = try? poller.wait(timeoutMs: timeout) else { break }
            if ready.woken {
                for command in client.mailbox.takeAll() {
                    switch command {
                    case .send(let call): send(call, on: socket)
                    case .cancel(let id): cancel(id)
                    case .stop: return failAll(RPCError(.unavailable, "the bus client was closed"))
                    }
                }
            }
            if !ready.sockets.isEmpty {
                while let frames = try? socket.receive() { receive(frames) }
            }
            expire(now: monotonicMilliseconds())
        }
        failAll(RPCError(.unavailable, "the bus client stopped"))
    }

    private mutating func send(_ call: PendingCall, on socket: ZMQSocket) {
        if cancelledBeforeSend.remove(call.id) != nil {
            return call.continuation.resume(throwing: RPCError(.cancelled, "\(call.description) was cancelled"))
        }
        do {
            guard try socket.send(call.frames) else {
                throw RPCError(.unavailable, "the bus client's outgoing queue is full")
            }
        } catch {
            return call.continuation.resume(throwing: error as? RPCError ?? RPCError(.unavailable, "\(error)"))
        }
        switch call.kind {
        case .rpc: pending[call.id] = call
        case .mmi: discovery.append(call)
        }
        nextExpiry = min(nextExpiry, call.deadline)
    }

    private mutating func cancel(_ id: String) {
        if let call = pending.removeValue(forKey: id) {
            call.continuation.resume(throwing: RPCError(.cancelled, "\(call.description) was cancelled"))
        } else if let index = discovery.firstIndex(where: { $0.id == id }) {
            let call = discovery.remove(at: index)
            call.continuation.resume(throwing: RPCError(.cancelled, "\(call.description) was cancelled"))
        } else {
            cancelledBeforeSend.insert(id)
        }
    }

    /// `"" "MDPC01" service body...` from the broker.
    private mutating func receive(_ frames: Multipart) {
        guard frames.count >= 4, frames[0].isEmpty, frames[1] == MDP.clientHeader else {
            return client.logger.debug("dropped a reply that is not MDP", metadata: ["frames": "\(frames.count)"])
        }
        if frames[2].starts(with: Array("mmi.".utf8)) {
            discovery.popFirst()?.continuation.resume(returning: frames[3])
            return
        }
        guard let header = try? ReplyHeader(packed: frames[3]), let id = header.request_id,
            let call = pending.removeValue(forKey: id)
        else {
            return client.logger.debug("dropped a reply for no waiting call")
        }
        let code = header.code ?? .unknown
        if code == .ok {
            call.continuation.resume(returning: frames.count > 4 ? frames[4] : [])
        } else {
            call.continuation.resume(throwing: RPCError(code, header.message ?? "\(call.description) failed"))
        }
    }

    private mutating func expire(now: Int64) {
        guard now >= nextExpiry else { return }
        nextExpiry = .max
        for (id, call) in pending {
            if call.deadline <= now {
                pending[id] = nil
                call.continuation.resume(throwing: deadlineError(call))
            } else {
                nextExpiry = min(nextExpiry, call.deadline)
            }
        }
        while let call = discovery.first, call.deadline <= now {
            discovery.removeFirst()
            call.continuation.resume(throwing: deadlineError(call))
        }
        if let call = discovery.first { nextExpiry = min(nextExpiry, call.deadline) }
    }

    private func deadlineError(_ call: PendingCall) -> RPCError {
        RPCError(.deadlineExceeded, "no reply to \(call.description) within its deadline")
    }

    private mutating func failAll(_ error: RPCError) {
        for call in pending.values { call.continuation.resume(throwing: error) }
        for call in discovery { call.continuation.resume(throwing: error) }
        pending.removeAll()
        discovery.removeAll()
    }

    /// Without a socket every call fails at once, until the client is closed.
    private mutating func drainUntilStopped() {
        var poller = Poller(sockets: [], wakeup: client.mailbox.wakeup)
        while (try? poller.wait(timeoutMs: -1)) != nil {
            for command in client.mailbox.takeAll() {
                switch command {
                case .send(let call): call.continuation.resume(throwing: RPCError(.unavailable, "the bus client has no socket"))
                case .cancel: break
                case .stop: return
                }
            }
        }
    }
}
