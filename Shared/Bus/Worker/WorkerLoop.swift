import Logging
import RPC
import Synchronization
import Wire
import ZeroMQ

/// The worker's thread: registers, heartbeats, receives requests, and reconnects
/// when the broker goes silent or asks it to. Handler tasks send their replies
/// themselves on the shared socket.
struct WorkerLoop {
    let worker: BusWorker
    private var socket: SharedSocket?
    private var brokerExpiry: Int64 = 0
    private var nextHeartbeat: Int64 = 0
    private var stoppingSince: Int64?
    /// Whether the broker has sent anything but DISCONNECT since READY (it took the registration).
    private var accepted = false
    /// The pause before registering again after the broker refused READY; 0: none.
    private var refusalBackoffMs: Int64 = 0

    init(worker: BusWorker) {
        self.worker = worker
    }

    private var configuration: WorkerConfiguration { worker.configuration }

    /// Returns once stopped and drained.
    /// - Throws: the error of a socket or poll that failed; the worker cannot go on.
    mutating func run() throws {
        defer { closeSocket() }
        while true {
            if socket == nil {
                guard try waitOutBackoff() else { return }
                try connect()
            }
            var poller = Poller(shared: socket!, wakeup: worker.mailbox.wakeup)
            while let current = socket {
                let now = monotonicMilliseconds()
                let ready = try poller.wait(timeoutMs: Int(max(0, nextHeartbeat - now)))
                if ready.woken { handleCommands(on: current) }
                // Whatever woke the loop, a reply sent from a task may have taken the
                // socket descriptor's edge or be waiting in the outbox: always look.
                receiveAll(from: current)
                if let since = stoppingSince,
                    worker.running.load(ordering: .sequentiallyConsistent) == 0
                        || monotonicMilliseconds() - since >= configuration.drainTimeoutMs
                {
                    // The last replies and DISCONNECT get a moment to leave.
                    return closeSocket(lingerMs: Self.closingLingerMs)
                }
                keepAlive(current)
            }
        }
    }

    /// A fresh socket and READY: `"" MDPW01 0x01 service concurrency`.
    private mutating func connect() throws {
        do {
            let socket = try SharedSocket(worker.makeSocket(), wakeup: worker.mailbox.wakeup)
            self.socket = socket
            try socket.send([
                [], MDP.workerHeader, MDP.Command.ready.frame, Array(worker.router.service.utf8),
                Array(String(configuration.concurrency).utf8),
            ])
            // Handlers reply on it only after READY: a reply ahead of READY would
            // make the broker refuse this worker.
            worker.socket.withLock { $0 = socket }
        } catch {
            worker.logger.error("worker cannot connect", metadata: ["error": "\(error)"])
            closeSocket()
            throw error
        }
        let now = monotonicMilliseconds()
        brokerExpiry = now + configuration.heartbeatIntervalMs * configuration.liveness
        nextHeartbeat = now + configuration.heartbeatIntervalMs
        accepted = false
    }

    /// The first pause after a refused READY, and the longest.
    static let refusalBackoffMs: ClosedRange<Int64> = 100...30_000

    /// A DISCONNECT answering READY means the broker refused the registration (the
    /// access list does not let this key serve the service): register again only
    /// after a pause that doubles with every refusal, logging once per pause.
    private mutating func refused() {
        let limits = Self.refusalBackoffMs
        refusalBackoffMs = refusalBackoffMs == 0 ? limits.lowerBound : min(refusalBackoffMs * 2, limits.upperBound)
        worker.logger.warning(
            "the broker refused this worker's registration; trying again later",
            metadata: ["service": "\(worker.router.service)", "retry_in_ms": "\(refusalBackoffMs)"])
        closeSocket()
    }

    /// Sleeps out the refusal back-off, if any.
    /// - Returns: false when the worker was stopped meanwhile.
    private mutating func waitOutBackoff() throws -> Bool {
        guard refusalBackoffMs > 0 else { return true }
        let end = monotonicMilliseconds() + refusalBackoffMs
        var poller = Poller(sockets: [], wakeup: worker.mailbox.wakeup)
        while monotonicMilliseconds() < end {
            let remaining = Int(max(0, end - monotonicMilliseconds()))
            let ready = try poller.wait(timeoutMs: remaining)
            if ready.woken, !worker.mailbox.takeAll().isEmpty { return false }  // stop: nothing runs, nothing to drain
        }
        return true
    }

    private mutating func reconnect(_ reason: String) {
        worker.logger.warning("reconnecting to the bus", metadata: ["reason": "\(reason)"])
        closeSocket()
    }

    /// How long the last replies and DISCONNECT may take to leave on shutdown.
    static let closingLingerMs: Int32 = 500

    /// Replies sent from now on are dropped, as they would be without a connection.
    private mutating func closeSocket(lingerMs: Int32 = 0) {
        worker.socket.withLock { $0 = nil }
        socket?.close(lingerMs: lingerMs)
        socket = nil
    }

    private mutating func handleCommands(on socket: SharedSocket) {
        for command in worker.mailbox.takeAll() {
            switch command {
            case .stop:
                guard stoppingSince == nil else { continue }
                stoppingSince = monotonicMilliseconds()
                worker.stopping.store(true, ordering: .sequentiallyConsistent)
                send(socket, .disconnect)
            }
        }
    }

    private mutating func receiveAll(from socket: SharedSocket) {
        let exchange = socket.exchange()
        if let error = exchange.error {
            worker.logger.warning(
                "worker socket failed", metadata: ["error": "\(error)", "unsent": "\(exchange.unsent)"])
        }
        for frames in exchange.received {
            brokerExpiry = monotonicMilliseconds() + configuration.heartbeatIntervalMs * configuration.liveness
            guard frames.count >= 3, frames[0].isEmpty, frames[1] == MDP.workerHeader, frames[2].count == 1 else {
                worker.logger.debug("dropped a message that is not MDP")
                continue
            }
            let command = MDP.Command(rawValue: frames[2][0])
            if command != .disconnect, !accepted {
                accepted = true
                refusalBackoffMs = 0
            }
            switch command {
            case .request:
                // "" MDPW01 0x02 address "" method header payload
                guard frames.count >= 6, frames[4].isEmpty else { continue }
                worker.running.add(1, ordering: .sequentiallyConsistent)
                let header: RequestHeader?
                do { header = frames.count >= 7 ? try RequestHeader(packed: frames[6]) : nil } catch {
                    worker.refuse(address: frames[3], RPCError(.invalidArgument, "header: \(error)"))
                    continue
                }
                worker.serve(
                    address: frames[3], method: String(decoding: frames[5], as: UTF8.self), header: header,
                    payload: frames.count >= 8 ? frames[7] : [], receivedAt: monotonicMilliseconds())
            case .disconnect:
                guard stoppingSince == nil else { break }
                if !accepted { return refused() }
                return reconnect("the broker asked this worker to register again")
            case .heartbeat, .ready, .reply, nil:
                break
            }
        }
    }

    private mutating func keepAlive(_ socket: SharedSocket) {
        let now = monotonicMilliseconds()
        if now >= brokerExpiry && stoppingSince == nil {
            return reconnect("no message from the broker for \(configuration.liveness) heartbeats")
        }
        if now >= nextHeartbeat {
            nextHeartbeat = now + configuration.heartbeatIntervalMs
            send(socket, .heartbeat)
        }
    }

    private func send(_ socket: SharedSocket, _ command: MDP.Command, _ rest: Multipart = []) {
        do { try socket.send([[], MDP.workerHeader, command.frame] + rest) } catch {
            worker.logger.warning("worker send failed", metadata: ["error": "\(error)"])
        }
    }
}
