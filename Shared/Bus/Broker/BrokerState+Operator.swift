import RPC
import Wire
import ZeroMQ

extension BrokerState {
    /// ZeroMQ RFC 8 service discovery: "200" when the service has a worker, "404"
    /// when not, "501" for an `mmi.` query the broker does not know.
    mutating func answerMMI(_ client: [UInt8], service: String, body: Multipart) {
        let code: String
        if service == MDP.mmiService {
            let name = String(decoding: body[0], as: UTF8.self)
            code = services[name]?.workers.isEmpty == false ? "200" : "404"
        } else {
            code = "501"
        }
        outbox.append([client, [], MDP.clientHeader, Array(service.utf8), Array(code.utf8)])
    }

    /// The broker's own methods: `Health` and `ListServices`.
    mutating func answerBrokerCall(_ client: [UInt8], body: Multipart, now: Int64) {
        let method = String(decoding: body[0], as: UTF8.self)
        var header: RequestHeader?
        if body.count >= 2 {
            do { header = try RequestHeader(packed: body[1]) } catch {
                let refusal = RPCError(.invalidArgument, "header: \(error)")
                return answer(client, service: MDP.brokerService.utf8, requestID: nil, refusal)
            }
        }
        let payload: [UInt8]?
        switch method {
        case "Health":
            payload = try? HealthReply(
                service: MDP.brokerService, status: .serving, version: configuration.version,
                uptime_ms: UInt64(now - startedAt)
            ).wireBytes()
        case "ListServices":
            payload = try? listing().wireBytes()
        default:
            payload = nil
        }
        let reply =
            payload == nil
            ? ReplyHeader(
                request_id: header?.request_id, error: RPCError(.unimplemented, "bus has no method '\(method)'"))
            : ReplyHeader(request_id: header?.request_id, code: .ok)
        outbox.append(
            [client, [], MDP.clientHeader, Array(MDP.brokerService.utf8), (try? reply.packed()) ?? [], payload ?? []])
    }

    /// Every service with its workers, queue and counters, sorted by name.
    func listing() -> ListServicesReply {
        let rows = services.map { name, service in
            let records = service.workers.compactMap { workers[$0] }
            let capacity = records.reduce(0) { $0 + $1.capacity }
            let busy = records.reduce(0) { $0 + $1.tickets.count }
            return ServiceInfo(
                name: name, workers: UInt32(records.count), queue_depth: UInt32(service.waiting.count),
                in_flight: UInt32(service.inFlight), served: service.served, failed: service.failed,
                capacity: UInt32(capacity), idle_slots: UInt32(capacity - busy))
        }
        return ListServicesReply(services: rows.sorted { $0.name < $1.name })
    }
}
