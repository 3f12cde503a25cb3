import DequeModule
import Logging
import RPC
import Wire
import ZeroMQ

/// A client's socket and the calls waiting on it, always used under the client's
/// lock: by a calling task that found the lock free (it sends its request itself)
/// and by the client's thread (queued requests, replies, deadlines).
struct ClientCalls {
    private var socket: ZMQSocket?
    /// Why calls fail at once: no socket could be made, or the client was closed.
    private var failure: RPCError?
    private var pending: [String: PendingCall] = [:]
    /// `mmi.*` calls in the order sent. The broker answers them in order and without
    /// an id, so one cancelled or expired keeps its place (call nil) until its late
    /// answer comes, which then answers nobody instead of the next call.
    private var discovery = Deque<(id: String, call: PendingCall?)>()
    /// Calls cancelled before they reached the lock, until their deadlines pass.
    private var cancelledBeforeSend: [String: Int64] = [:]
    /// Calls that were waiting when the connection was reported lost, and when they
    /// fail unless their replies have come by then (see `connectionLost`).
    private var suspects: [String: ConnectionLoss] = [:]
    private var suspectsFailAt = Int64.max
    /// How long a reported loss waits for replies that would prove it stale.
    static let lossGraceMs: Int64 = 300
    /// Calls (in `pending`) that libzmq would not take because the socket had no
    /// connection at that moment (between a refused handshake and the reconnect):
    /// sent again on every wake of the client's thread until they go out, their
    /// deadline passes, or the handshake is known to be refused.
    private var unsent: [String] = []
    /// How often the client's thread tries the unsent calls again.
    static let unsentRetryMs: Int64 = 20
    /// The broker refused the last handshake and none succeeded since: calls fail at
    /// once with UNAUTHENTICATED rather than wait for a connection that is refused.
    private var handshakeRefused = false
    /// The earliest deadline waited on (or one already passed: recomputed when reached).
    private(set) var nextExpiry = Int64.max
    /// Connected to several brokers: on a broken connection, resendable calls go out
    /// again at once (on the connections still up) instead of failing.
    let resendOnLoss: Bool
    /// Resendable calls waiting when a broker connection broke: sent again at once
    /// and, if still unanswered when the grace is over, once more (the first copy may
    /// have gone into the broken connection before the socket noticed it was gone).
    private var resendAgain: Set<String> = []
    let logger: Logger

    init(socket: Result<ZMQSocket, RPCError>, resendOnLoss: Bool = false, logger: Logger) {
        self.resendOnLoss = resendOnLoss
        switch socket {
        case .success(let socket): self.socket = socket
        case .failure(let error): failure = error
        }
        self.logger = logger
    }

    /// Sends `call` and waits for its reply (or fails it at once).
    /// - Returns: whether the client's thread must wake to wait for an earlier deadline.
    mutating func send(_ call: PendingCall) -> Bool {
        if cancelledBeforeSend.removeValue(forKey: call.id) != nil {
            call.continuation.resume(throwing: RPCError(.cancelled, "\(call.description) was cancelled"))
            return false
        }
        guard let socket else {
            call.continuation.resume(throwing: failure ?? RPCError(.unavailable, "the bus client has no socket"))
            return false
        }
        if handshakeRefused {
            call.continuation.resume(throwing: Self.error(.refused, call))
            return false
        }
        let sent: Bool
        do { sent = try socket.send(call.frames) } catch {
            call.continuation.resume(throwing: RPCError(.unavailable, "\(error)"))
            return false
        }
        switch call.kind {
        case .rpc: pending[call.id] = call
        case .mmi: discovery.append((call.id, call))
        }
        // With no high-water mark, a send is refused only while there is no connection.
        let wakeAt = sent ? call.deadline : min(call.deadline, monotonicMilliseconds() + Self.unsentRetryMs)
        if !sent { unsent.append(call.id) }
        guard wakeAt < nextExpiry else { return false }
        nextExpiry = wakeAt
        return true
    }

    /// Records what the last handshake came to (from the socket's monitor); once it
    /// is refused, the calls not yet sent fail with UNAUTHENTICATED at once.
    mutating func handshake(refused: Bool) {
        handshakeRefused = refused
        guard refused else { return }
        for id in unsent {
            if let call = take(id) { call.continuation.resume(throwing: Self.error(.refused, call)) }
        }
        unsent.removeAll()
    }

    /// Sends again the calls libzmq would not take (see `unsent`).
    mutating func sendUnsent(now: Int64) {
        guard let socket, !unsent.isEmpty else { return }
        var still: [String] = []
        for id in unsent {
            guard let call = pending[id] ?? discovery.first(where: { $0.id == id })?.call else { continue }
            if (try? socket.send(call.frames)) != true { still.append(id) }
        }
        unsent = still
        if !still.isEmpty { nextExpiry = min(nextExpiry, now + Self.unsentRetryMs) }
    }

    /// Takes every waiting reply. A send may take the edge of the socket's `ZMQ_FD`
    /// that the client's thread polls, so whoever sent looks for replies too.
    mutating func receiveAll() {
        while let socket, let frames = try? socket.receive() { receive(frames) }
    }

    /// `"" "MDPC01" service body...` from the broker.
    private mutating func receive(_ frames: Multipart) {
        guard frames.count >= 4, frames[0].isEmpty, frames[1] == MDP.clientHeader else {
            return logger.debug("dropped a reply that is not MDP", metadata: ["frames": "\(frames.count)"])
        }
        if frames[2].starts(with: Array("mmi.".utf8)) {
            discovery.popFirst()?.call?.continuation.resume(returning: frames[3])
            return
        }
        guard let header = try? ReplyHeader(packed: frames[3]), let id = header.request_id,
            let call = pending.removeValue(forKey: id)
        else {
            return logger.debug("dropped a reply for no waiting call")
        }
        let code = header.code ?? .unknown
        if code == .ok && call.deadline <= monotonicMilliseconds() {
            // An answer after the deadline is no answer: the caller had stopped waiting.
            call.continuation.resume(throwing: deadlineError(call))
        } else if code == .ok {
            call.continuation.resume(returning: frames.count > 4 ? frames[4] : [])
        } else {
            call.continuation.resume(throwing: RPCError(code, header.message ?? "\(call.description) failed"))
        }
    }

    /// Stops waiting for the call `id`: out of `pending`, or its place in `discovery`
    /// kept empty for the broker's in-order answer. Nil when it is not waiting.
    private mutating func take(_ id: String) -> PendingCall? {
        if let call = pending.removeValue(forKey: id) { return call }
        guard let index = discovery.firstIndex(where: { $0.id == id }), let call = discovery[index].call else {
            return nil
        }
        discovery[index].call = nil
        return call
    }

    /// Fails the call `id` with CANCELLED, now or when it reaches the lock.
    mutating func cancel(_ id: String, deadline: Int64) {
        if let call = take(id) {
            call.continuation.resume(throwing: RPCError(.cancelled, "\(call.description) was cancelled"))
        } else {
            // Not sent yet, or already answered: remembered until its deadline.
            cancelledBeforeSend[id] = deadline
            nextExpiry = min(nextExpiry, deadline)
        }
    }

    mutating func expire(now: Int64) {
        guard now >= nextExpiry else { return }
        failSuspects(now: now)
        nextExpiry = suspectsFailAt
        unsent.removeAll { id in pending[id] == nil && !discovery.contains { $0.id == id && $0.call != nil } }
        if !unsent.isEmpty { nextExpiry = min(nextExpiry, now + Self.unsentRetryMs) }
        for (id, call) in pending {
            if call.deadline <= now {
                pending[id] = nil
                call.continuation.resume(throwing: deadlineError(call))
            } else {
                nextExpiry = min(nextExpiry, call.deadline)
            }
        }
        for index in discovery.indices {
            guard let call = discovery[index].call else { continue }
            if call.deadline <= now {
                discovery[index].call = nil
                call.continuation.resume(throwing: deadlineError(call))
            } else {
                nextExpiry = min(nextExpiry, call.deadline)
            }
        }
        for (id, deadline) in cancelledBeforeSend {
            if deadline <= now { cancelledBeforeSend[id] = nil } else { nextExpiry = min(nextExpiry, deadline) }
        }
    }

    private func deadlineError(_ call: PendingCall) -> RPCError {
        RPCError(.deadlineExceeded, "no reply to \(call.description) within its deadline")
    }

    /// Why the calls sent on a connection will get no reply.
    enum ConnectionLoss {
        /// It broke (broker stopped or crashed): a new broker does not know the calls.
        case broken
        /// The broker refused the handshake: the calls never reached it.
        case refused
    }

    /// Fails the calls sent on a lost connection within `lossGraceMs` rather than at
    /// their deadlines: a reply that still comes in that time (the report was about an
    /// earlier connection) answers its call as usual. Later calls wait for libzmq to
    /// reconnect.
    mutating func connectionLost(_ loss: ConnectionLoss, now: Int64) {
        if resendOnLoss, loss == .broken {
            let safe = pending.filter(\.value.resendable).map(\.key)
            resend(safe, now: now)
            resendAgain.formUnion(safe)
        }
        for id in pending.keys where !resendAgain.contains(id) { suspects[id] = loss }
        for entry in discovery where entry.call != nil { suspects[entry.id] = loss }
        guard !suspects.isEmpty || !resendAgain.isEmpty else { return }
        suspectsFailAt = min(suspectsFailAt, now + Self.lossGraceMs)
        nextExpiry = min(nextExpiry, suspectsFailAt)
    }

    /// Sends the calls `ids` again: one that went through the broken connection gets
    /// its reply from another broker; one that did not is answered by whichever reply
    /// comes first (the other is dropped: its id is no longer waited on), and a write
    /// with an idempotency key is made once either way.
    private mutating func resend(_ ids: [String], now: Int64) {
        guard let socket else { return }
        var resent = 0
        for id in ids where !unsent.contains(id) {
            guard let call = pending[id] else { continue }
            if (try? socket.send(call.frames)) == true {
                resent += 1
            } else {
                unsent.append(id)
                nextExpiry = min(nextExpiry, now + Self.unsentRetryMs)
            }
        }
        if resent > 0 {
            logger.info("calls sent again after a broker connection broke", metadata: ["calls": "\(resent)"])
        }
    }

    /// Fails the suspects still waiting once their grace is over.
    private mutating func failSuspects(now: Int64) {
        guard now >= suspectsFailAt else { return }
        resend(Array(resendAgain), now: now)
        resendAgain.removeAll()
        var failed = 0
        for (id, loss) in suspects {
            guard let call = take(id) else { continue }
            call.continuation.resume(throwing: Self.error(loss, call))
            failed += 1
        }
        if failed > 0 { logger.warning("calls failed with their connection", metadata: ["calls": "\(failed)"]) }
        suspects.removeAll()
        suspectsFailAt = .max
    }

    private static func error(_ loss: ConnectionLoss, _ call: PendingCall) -> RPCError {
        switch loss {
        case .broken:
            RPCError(
                .unavailable,
                "the connection to the bus broke before \(call.description) was answered; it may or may not have run")
        case .refused:
            RPCError(
                .unauthenticated,
                "the bus refused this client's handshake, so \(call.description) did not run: is the client's CURVE key "
                    + "on the broker's access list, and GLIMLACH_BUS_PUBLIC_KEY the broker's key?")
        }
    }

    /// Fails every waiting call and every later one with `error`, and closes the socket.
    mutating func close(_ error: RPCError) {
        for call in pending.values { call.continuation.resume(throwing: error) }
        for call in discovery.compactMap(\.call) { call.continuation.resume(throwing: error) }
        pending.removeAll()
        discovery.removeAll()
        suspects.removeAll()
        resendAgain.removeAll()
        suspectsFailAt = .max
        socket?.close()
        socket = nil
        failure = error
    }
}
