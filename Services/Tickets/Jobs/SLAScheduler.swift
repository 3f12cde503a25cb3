import Bus
import Contract
import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Watches every running first-response clock: flags a ticket AT_RISK once the
/// at-risk share of its target is used (`ticket.sla_at_risk`) and BREACHED once the
/// target passed (`ticket.sla_breached`), each once. A breach escalates to Special
/// Care when the channel's target says so (`ResponseTarget.escalate_on_breach`).
///
/// `run()` ticks every `interval` with the time from `clock` (by default the store's,
/// which tests set); tests may also call `tick(now:)` directly. When several
/// tickets processes share one database, only the holder of the store's
/// `sla-scheduler` lease ticks; it renews the lease on every tick, and when it
/// dies another process takes the lease once it expired (three intervals).
final class SLAScheduler: Service, Sendable {
    let service: TicketsService
    let interval: Duration
    let logger: Logger
    let clock: @Sendable () -> Date

    init(
        service: TicketsService, interval: Duration, logger: Logger, clock: (@Sendable () -> Date)? = nil
    ) {
        self.service = service
        self.interval = interval
        self.logger = logger
        let store = service.store
        self.clock = clock ?? { store.now }
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var holding = false
            while !Task.isCancelled {
                do {
                    let held = try await self.service.store.holdLease(Self.lease, seconds: self.leaseSeconds)
                    if held != holding {
                        self.logger.info(held ? "SLA scheduler runs in this process" : "SLA scheduler runs elsewhere")
                        holding = held
                    }
                    if held { try await self.tick(now: self.clock()) }
                } catch {
                    self.logger.warning("SLA tick failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: self.interval)
            }
        }
    }

    /// The job lease the scheduler runs under.
    static let lease = "sla-scheduler"

    /// How long a lease lasts without renewal: three ticks.
    var leaseSeconds: Int { max(Int(interval.components.seconds) * 3, 3) }

    /// What one tick flagged.
    struct Flags: Sendable, Equatable {
        var atRisk: [String] = []
        var breached: [String] = []
        var escalated: [String] = []
    }

    /// Flags every ticket whose clock crossed a line by `now`.
    /// - Throws: a store error; a ticket whose escalation needs staff while staff is
    ///   down is left for the next tick (logged), the others are still flagged.
    @discardableResult
    func tick(now: Date) async throws -> Flags {
        let (hours, running) = try await service.store.read { reading in
            (try ServiceHours(reading: reading), try reading.runningClocks())
        }
        var flags = Flags()
        var specialCare: Staff.Team?
        for record in running {
            let calendar = hours.hours(record.channel ?? .email, record.country ?? "")
            let used = record.clock.openMs(until: now, hours: calendar)
            let clock = record.clock
            if used >= clock.targetMs {
                var team: Staff.Team?
                if clock.escalateOnBreach && record.ticket.special_care != true {
                    do {
                        if specialCare == nil { specialCare = try await service.staff.specialCareTeam() }
                        team = specialCare
                    } catch {
                        logger.warning(
                            "breach escalation waits for staff",
                            metadata: ["ticket": "\(record.id)", "error": "\(error)"])
                        continue
                    }
                }
                if try await flag(record.id, .breached, usedMs: used, hours: calendar, escalateTo: team) {
                    flags.breached.append(record.id)
                    if team != nil { flags.escalated.append(record.id) }
                }
            } else if Double(used) >= Double(clock.targetMs) * clock.atRiskShare, clock.flag == .onTrack {
                if try await flag(record.id, .atRisk, usedMs: used, hours: calendar, escalateTo: nil) {
                    flags.atRisk.append(record.id)
                }
            }
        }
        return flags
    }

    /// Flags one ticket in its own transaction, unless a reply or another tick came first.
    private func flag(
        _ ticketID: String, _ state: Tickets.SlaState, usedMs: Int64, hours: OpeningHours, escalateTo team: Staff.Team?
    ) async throws -> Bool {
        let service = service
        return try await service.store.write(method: "SlaTick", idempotencyKey: nil) { tx in
            guard var record = try tx.ticket(ticketID), record.clock.isRunning, record.clock.flag != state,
                record.clock.flag != .breached
            else { return Tickets.GetSlaStatusReply() }
            record.clock.flag = state
            let ticket = record.ticket
            let due = record.clock.dueAtMs(hours: hours)
            if state == .breached {
                try tx.record(
                    "ticket.sla_breached", subject: ticketID,
                    Tickets.TicketSlaBreached(
                        ticket_id: ticketID, channel: ticket.channel, country: record.country, team_id: ticket.team_id,
                        assignee_id: ticket.assignee_id, due_at_ms: due, breached_at_ms: due ?? tx.nowMs,
                        target_ms: record.clock.targetMs))
                if let team {
                    try service.escalate(
                        &record, to: team, trigger: .slaBreach, reason: "no first reply within the channel's target",
                        by: nil, in: tx)
                }
            } else {
                try tx.record(
                    "ticket.sla_at_risk", subject: ticketID,
                    Tickets.TicketSlaAtRisk(
                        ticket_id: ticketID, channel: ticket.channel, country: record.country, team_id: ticket.team_id,
                        assignee_id: ticket.assignee_id, due_at_ms: due, used_ms: usedMs,
                        target_ms: record.clock.targetMs))
            }
            record.ticket.updated_at_ms = tx.nowMs
            try tx.save(record)
            return Tickets.GetSlaStatusReply(
                sla: record.clock.status(ticketID: ticketID, hours: hours, now: Date(unixMilliseconds: tx.nowMs)))
        }.sla != nil
    }
}
