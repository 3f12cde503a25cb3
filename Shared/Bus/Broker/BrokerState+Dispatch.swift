import DequeModule
import Logging
import RPC
import ZeroMQ

extension BrokerState {
    /// Hands waiting requests of `service` to workers with a free slot, least
    /// recently used worker first, until one of the two runs out.
    mutating func dispatch(_ service: String, now: Int64) {
        while let request = services[service]?.waiting.first {
            guard let index = services[service]!.workers.firstIndex(where: { workers[$0]!.hasFreeSlot }) else {
                return
            }
            services[service]!.waiting.removeFirst()
            guard request.deadline > now else {
                fail(request, RPCError(.deadlineExceeded, "no worker of '\(service)' was free within the deadline"))
                continue
            }
            let worker = services[service]!.workers.remove(at: index)
            services[service]!.workers.append(worker)
            services[service]!.inFlight += 1
            let ticket = Ticket(nextTicket)
            nextTicket += 1
            workers[worker]!.tickets.insert(ticket.number)
            inFlight[ticket.number] = InFlight(request: request, worker: worker)
            let body = passOnRemainingBudget(request, now: now)
            sendToWorker(worker, .request, [ticket.address(client: request.client), []] + body)
        }
    }

    /// The body with the header's deadline reduced by the time the request waited here.
    private func passOnRemainingBudget(_ request: Request, now: Int64) -> Multipart {
        guard now > request.queuedAt, var header = request.header, header.deadline_ms != nil,
            let bytes = try? {
                header.deadline_ms = UInt32(clamping: request.deadline - now)
                return try header.packed()
            }()
        else { return request.body }
        var body = request.body
        body[1] = bytes
        return body
    }

    /// Removes a worker; what it was handling is re-dispatched when idempotent and
    /// still in time, else answered UNAVAILABLE.
    mutating func removeWorker(_ worker: [UInt8], reason: String, now: Int64, acknowledge: Bool = true) {
        guard let record = workers.removeValue(forKey: worker) else { return }
        let service = record.service
        services[service]?.workers.removeAll { $0 == worker }
        logger.info("worker removed", metadata: ["service": "\(service)", "reason": "\(reason)"])
        var retries: [Request] = []
        for ticket in record.tickets.sorted() {
            guard let flight = inFlight[ticket] else { continue }
            finish(ticket, flight)
            guard !flight.answered else { continue }
            if flight.request.idempotent && flight.request.deadline > now {
                retries.append(flight.request)
            } else {
                fail(
                    flight.request,
                    RPCError(.unavailable, "the worker of '\(service)' stopped (\(reason)) while handling the request"))
            }
        }
        services[service]?.waiting.insert(contentsOf: retries, at: 0)
        if acknowledge { sendToWorker(worker, .disconnect) }
        dispatch(service, now: now)
    }

    /// Heartbeats, dead workers and deadlines: call on every loop turn.
    mutating func tick(now: Int64) {
        if now >= nextHeartbeat {
            nextHeartbeat = now + configuration.heartbeatIntervalMs
            for worker in workers.keys { sendToWorker(worker, .heartbeat) }
            for (worker, record) in workers where record.expiry <= now {
                removeWorker(worker, reason: "missed \(configuration.liveness) heartbeats", now: now)
            }
            services = services.filter {
                !$0.value.workers.isEmpty || !$0.value.waiting.isEmpty || $0.value.inFlight > 0 || $0.value.served > 0
            }
        }
        guard now >= nextExpiryScan else { return }
        nextExpiryScan = now + 10
        for name in services.keys where services[name]!.waiting.contains(where: { $0.deadline <= now }) {
            let (expired, live) = services[name]!.waiting.partitioned { $0.deadline <= now }
            services[name]!.waiting = Deque(live)
            for request in expired {
                let message =
                    services[name]!.workers.isEmpty
                    ? RPCError(.unavailable, "no worker of service '\(name)' is registered")
                    : RPCError(.deadlineExceeded, "no worker of '\(name)' was free within the deadline")
                fail(request, message)
            }
        }
        for (ticket, flight) in inFlight where !flight.answered && flight.request.deadline <= now {
            inFlight[ticket]!.answered = true
            fail(
                flight.request,
                RPCError(
                    .deadlineExceeded, "the worker of '\(flight.request.service)' did not answer within the deadline"))
        }
    }
}

extension Sequence {
    /// The elements that match, and those that do not, each in order.
    fileprivate func partitioned(by belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var matching: [Element] = []
        var rest: [Element] = []
        for element in self {
            if belongs(element) { matching.append(element) } else { rest.append(element) }
        }
        return (matching, rest)
    }
}
