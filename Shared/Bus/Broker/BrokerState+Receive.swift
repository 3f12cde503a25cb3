import Logging
import RPC
import Wire
import ZeroMQ

extension BrokerState {
    /// One message from the ROUTER: `frames[0]` is the sender's identity; `user` is
    /// the access list's name for its key when CURVE is on.
    mutating func receive(_ frames: Multipart, user: String? = nil, now: Int64) {
        guard let sender = frames.first else { return }
        let inbound: BrokerInbound
        do {
            inbound = try BrokerInbound(frames: frames.dropFirst())
        } catch {
            logger.debug("dropped invalid message", metadata: ["error": "\(error)", "frames": "\(frames.count)"])
            if workers[sender] != nil {
                removeWorker(sender, reason: "sent invalid MDP (\(error))", now: now)
            } else if frames.count > 3, frames[2] == MDP.workerHeader, frames[3] == MDP.Command.ready.frame {
                sendToWorker(sender, .disconnect)  // a READY the broker refuses (its service name)
            }
            return
        }
        switch inbound {
        case .request(let service, let body):
            request(from: sender, service: service, body: body, user: user, now: now)
        case .refusedRequest(let service, let body, let reason):
            let header = body.count >= 3 ? try? RequestHeader(packed: body[1]) : nil
            answer(sender, service: service, requestID: header?.request_id, reason.refusal)
        case .ready(let service, let capacity):
            guard mayServe(user, service) else {
                logger.warning("refused a worker", metadata: ["service": "\(service)", "peer": "\(user ?? "-")"])
                return sendToWorker(sender, .disconnect)
            }
            ready(sender, service: service, capacity: capacity, now: now)
        case .reply(let address, let body):
            reply(from: sender, address: address, body: body, now: now)
        case .heartbeat:
            if workers[sender] != nil {
                workers[sender]!.expiry = now + workers[sender]!.silenceMs
            } else {
                sendToWorker(sender, .disconnect)  // unknown (e.g. after a broker restart): re-register
            }
        case .disconnect:
            retire(sender, now: now)
        }
    }

    private mutating func request(from client: [UInt8], service: String, body: Multipart, user: String?, now: Int64) {
        if service.hasPrefix("mmi.") { return answerMMI(client, service: service, body: body) }
        if service == MDP.brokerService { return answerBrokerCall(client, body: body, now: now) }
        // RPC bodies are [method, header, payload]; a stock MDP body has no header.
        var header: RequestHeader?
        if body.count >= 3 {
            do { header = try RequestHeader(packed: body[1]) } catch {
                let refusal = RPCError(.invalidArgument, "header: \(error)")
                return answer(client, service: service.utf8, requestID: nil, refusal)
            }
        }
        var body = body
        if var named = header, named.acting_employee_id != nil, !mayAssertPerson(user) {
            // Only keys with `asserts-person` name the person a call acts for.
            named.acting_employee_id = nil
            guard let packed = try? named.packed() else {
                return answer(client, service: service.utf8, requestID: named.request_id, RPCError(.internal, "header"))
            }
            (header, body[1]) = (named, packed)
        }
        let budget = header?.deadline_ms.map(Int64.init) ?? configuration.defaultDeadlineMs
        // Keep a little of the budget for the way back, so that the broker's answer
        // (UNAVAILABLE when nobody serves the service) reaches the caller in time.
        let replyMargin = min(budget / 10, 50)
        let request = Request(
            client: client, service: service, body: body, header: header, deadline: now + budget - replyMargin,
            queuedAt: now)
        // RPC bodies name the method first; rights may be per method.
        let method = header != nil ? String(decoding: body[0], as: UTF8.self) : nil
        guard mayCall(user, service, method) else {
            let target = method.map { "\(service).\($0)" } ?? service
            return fail(request, RPCError(.permissionDenied, "\(user ?? "this peer") may not call '\(target)'"))
        }
        guard budget > 0 else {
            return fail(request, RPCError(.deadlineExceeded, "the request arrived with no time left"))
        }
        guard (services[service]?.waiting.count ?? 0) < configuration.maxQueuePerService else {
            return fail(
                request,
                RPCError(
                    .resourceExhausted,
                    "service '\(service)' has \(configuration.maxQueuePerService) requests waiting"))
        }
        services[service, default: Service()].waiting.append(request)
        dispatch(service, now: now)
    }

    private mutating func ready(_ worker: [UInt8], service: String, capacity: Int?, now: Int64) {
        guard workers[worker] == nil else {
            return removeWorker(worker, reason: "sent READY twice", now: now)
        }
        guard !service.hasPrefix("mmi."), service != MDP.brokerService else {
            return sendToWorker(worker, .disconnect)
        }
        let silence = workerSilenceMs(stock: capacity == nil)
        workers[worker] = Worker(service: service, capacity: capacity ?? 1, silenceMs: silence, expiry: now + silence)
        services[service, default: Service()].workers.append(worker)
        logger.info(
            "worker registered",
            metadata: ["service": "\(service)", "capacity": "\(capacity ?? 1)", "silence_ms": "\(silence)"])
        dispatch(service, now: now)
    }

    private mutating func reply(from worker: [UInt8], address: [UInt8], body: Multipart, now: Int64) {
        guard workers[worker] != nil else { return sendToWorker(worker, .disconnect) }
        workers[worker]!.expiry = now + workers[worker]!.silenceMs
        guard let ticket = Ticket(address: address), let flight = inFlight[ticket.number],
            flight.worker == worker
        else {
            return logger.debug("dropped reply for an unknown request")
        }
        finish(ticket.number, flight)
        if workers[worker]!.retiring && workers[worker]!.tickets.isEmpty { workers[worker] = nil }
        let service = flight.request.service
        if !flight.answered && flight.request.deadline <= now {
            // Too late for the caller, whatever the worker says.
            fail(flight.request, RPCError(.deadlineExceeded, "the worker of '\(service)' answered after the deadline"))
        } else if !flight.answered {
            outbox.append([flight.request.client, [], MDP.clientHeader, Array(service.utf8)] + body)
            services[service]!.served += 1
        }
        dispatch(service, now: now)
    }

    /// A worker leaving on its own: no new work; it may still answer what it has.
    private mutating func retire(_ worker: [UInt8], now: Int64) {
        guard let record = workers[worker] else { return }
        guard !record.tickets.isEmpty else {
            return removeWorker(worker, reason: "disconnected", now: now, acknowledge: false)
        }
        workers[worker]!.retiring = true
        services[record.service]?.workers.removeAll { $0 == worker }
        logger.info(
            "worker retiring", metadata: ["service": "\(record.service)", "running": "\(record.tickets.count)"])
    }

    /// Forgets an answered or abandoned dispatch and frees its worker slot.
    mutating func finish(_ ticket: UInt64, _ flight: InFlight) {
        inFlight[ticket] = nil
        workers[flight.worker]?.tickets.remove(ticket)
        services[flight.request.service]?.inFlight -= 1
    }

    /// Answers the client with an error status on the broker's behalf.
    mutating func fail(_ request: Request, _ error: RPCError) {
        services[request.service, default: Service()].failed += 1
        answer(request.client, service: request.service.utf8, requestID: request.requestID, error)
    }

    /// Sends `client` an error reply from `service` (the name as it came, even one
    /// the broker refuses) without counting it for any service.
    mutating func answer(_ client: [UInt8], service: some Collection<UInt8>, requestID: String?, _ error: RPCError) {
        let header = (try? ReplyHeader(request_id: requestID, error: error).packed()) ?? []
        outbox.append([client, [], MDP.clientHeader, Array(service), header, []])
        logger.debug(
            "answered on the broker's behalf",
            metadata: [
                "service": "\(String(decoding: service, as: UTF8.self))", "code": "\(error.code)",
                "request_id": "\(requestID ?? "-")",
            ])
    }

    mutating func sendToWorker(_ worker: [UInt8], _ command: MDP.Command, _ rest: Multipart = []) {
        outbox.append([worker, [], MDP.workerHeader, command.frame] + rest)
    }
}

/// The broker's number for one dispatch, carried in the MDP client-address frame
/// (8 bytes big-endian, then the client's identity). Workers echo the frame back
/// unchanged, so replies find their request even from a stock MDP worker.
struct Ticket {
    let number: UInt64

    init(_ number: UInt64) { self.number = number }

    init?(address: [UInt8]) {
        guard address.count >= 8 else { return nil }
        number = address.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    func address(client: [UInt8]) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (56 - 8 * $0)) } + client
    }
}

extension BrokerState {
    /// Without CURVE everyone may do everything (loopback development).
    func mayServe(_ user: String?, _ service: String) -> Bool {
        configuration.security.map { $0.access.may(user, serve: service) } ?? true
    }

    /// Whether the peer may name the employee its calls act for (anyone without CURVE).
    func mayAssertPerson(_ user: String?) -> Bool {
        configuration.security.map { $0.access.mayAssertPerson(user) } ?? true
    }

    func mayCall(_ user: String?, _ service: String, _ method: String? = nil) -> Bool {
        configuration.security.map { $0.access.may(user, call: service, method: method) } ?? true
    }
}
