import Bus
import Contract
import Foundation
import Synchronization

/// The steady load of a chaos run: four callers create tickets, each with an
/// idempotency key kept until the ticket is acknowledged, and one reads the NPS.
struct ChaosLoad: Sendable {
    let client: BusClient
    let record: ChaosRecord

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<4 { group.addTask { await write(lane) } }
            group.addTask { await read() }
        }
    }

    private func write(_ lane: Int) async {
        var number = 0
        while !record.isStopped {
            number += 1
            let key = "chaos-\(lane)-\(number)"
            while !record.isStopped {
                let started = ContinuousClock.now
                do {
                    let reply = try await client.call(
                        Tickets.createTicket, Self.ticket(key),
                        options: .init(timeout: .seconds(2), idempotencyKey: key))
                    record.acknowledge(key: key, id: reply.ticket?.ticket_id ?? "", latency: .now - started)
                    break
                } catch {
                    record.fail("CreateTicket", error)
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
        }
    }

    private func read() async {
        while !record.isStopped {
            do {
                _ = try await client.call(Analytics.getNps, .init(), options: .init(timeout: .seconds(2)))
            } catch {
                record.fail("GetNps", error)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    static func ticket(_ key: String) -> Tickets.CreateTicketRequest {
        Tickets.CreateTicketRequest(
            customer: .init(name: "Customer", handle: "\(key)@example.nl", country: "NL", language: "nl"),
            channel: .email, product_category: "photo-books", subject: key, body: "Where is my order?")
    }
}

/// What a chaos run saw: acknowledged writes with their latencies, failures by
/// method and status.
final class ChaosRecord: Sendable {
    struct Fault {
        let victim: String
        let killed: ContinuousClock.Instant
        /// When its replacement served again.
        let serving: ContinuousClock.Instant
        /// The first acknowledged write after that.
        let recovered: ContinuousClock.Instant
    }

    struct Acknowledged {
        let key: String
        let id: String
        let at: ContinuousClock.Instant
        let latency: Duration
    }

    private let state = Mutex<(acknowledged: [Acknowledged], failures: [String: Int], stopped: Bool)>(([], [:], false))

    var isStopped: Bool { state.withLock { $0.stopped } }
    var acknowledged: [Acknowledged] { state.withLock { $0.acknowledged } }
    var failures: [String: Int] { state.withLock { $0.failures } }

    func stop() { state.withLock { $0.stopped = true } }

    func acknowledge(key: String, id: String, latency: Duration) {
        state.withLock { $0.acknowledged.append(.init(key: key, id: id, at: .now, latency: latency)) }
    }

    func fail(_ method: String, _ error: any Error) {
        let status = (error as? RPCError)?.code.description ?? "\(type(of: error))"
        state.withLock { $0.failures["\(method) \(status)", default: 0] += 1 }
    }

    /// Waits (at most 20 s) for a write acknowledged after `instant`.
    func nextAcknowledgement(after instant: ContinuousClock.Instant) async throws -> ContinuousClock.Instant {
        let end = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < end {
            if let found = state.withLock({ $0.acknowledged.last(where: { $0.at > instant })?.at }) { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        return ContinuousClock.now
    }

    func report(faults: [Fault], check: ChaosCheck, seconds: Int, seed: UInt64) -> String {
        let all = acknowledged
        let duringFaults = all.filter { ack in faults.contains { ack.at >= $0.killed && ack.at <= $0.recovered } }
        let failures = self.failures.sorted { $0.key < $1.key }.map { "\($0.key) x\($0.value)" }
        var lines = [
            "chaos: \(seconds) s, seed \(seed), \(faults.count) kills (\(Dictionary(grouping: faults, by: \.victim).mapValues(\.count).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))",
            "  acknowledged writes \(all.count) (\(String(format: "%.0f", Double(all.count) / Double(seconds)))/s), lost \(check.lost.count), doubled \(check.doubled.count)",
            "  calls failed \(self.failures.values.reduce(0, +)): \(failures.joined(separator: ", "))",
            "  write p50 \(Self.ms(Self.percentile(all.map(\.latency), 0.5))) ms, p99 \(Self.ms(Self.percentile(all.map(\.latency), 0.99))) ms; "
                + "p99 during faults \(Self.ms(Self.percentile(duringFaults.map(\.latency), 0.99))) ms",
        ]
        let times = all.map(\.at).sorted()
        let gaps = zip(times, times.dropFirst())
        for (victim, list) in Dictionary(grouping: faults, by: \.victim).sorted(by: { $0.key < $1.key }) {
            let pauses = list.map { fault in
                gaps.filter { $0.1 > fault.killed && $0.0 < fault.recovered }.map { $0.1 - $0.0 }.max() ?? .zero
            }
            let serving = list.map { $0.serving - $0.killed }
            lines.append(
                "  \(victim) (\(list.count)x): writes paused at most \(Self.ms(pauses.max() ?? .zero)) ms "
                    + "(median \(Self.ms(Self.percentile(pauses, 0.5))) ms); its replacement served "
                    + "\(Self.ms(Self.percentile(serving, 0.5))) ms after the kill (median, 500 ms of it the pause before the restart)"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func percentile(_ values: [Duration], _ p: Double) -> Duration {
        guard !values.isEmpty else { return .zero }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func ms(_ duration: Duration) -> String {
        String(
            format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}

/// After a run: every acknowledged ticket looked up, and every ticket made counted by its key.
struct ChaosCheck {
    var lost: [String] = []
    var doubled: [String] = []

    static func verify(_ acknowledged: [ChaosRecord.Acknowledged], client: BusClient) async throws -> ChaosCheck {
        let created = try await client.events(of: "tickets").filter { $0.type == "ticket.created" }
            .compactMap(\.subject_id)
        var keys: [String: Int] = [:]
        for id in created {
            let subject = try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.subject ?? ""
            keys[subject, default: 0] += 1
        }
        let made = Set(created)
        return ChaosCheck(
            lost: acknowledged.filter { !made.contains($0.id) }.map(\.key),
            doubled: keys.filter { $0.value > 1 }.map(\.key))
    }
}
