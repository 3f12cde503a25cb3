import Contract
import Domain
import Foundation

extension ResponseClock {
    /// Open-hours milliseconds between contact and `end`.
    func openMs(until end: Date, hours: OpeningHours) -> Int64 {
        let start = Date(unixMilliseconds: receivedAtMs)
        guard end > start else { return 0 }
        return Int64((hours.openDuration(from: start, to: end) * 1000).rounded())
    }

    /// When the target runs out on `hours`; nil when answered live or never open again.
    func dueAtMs(hours: OpeningHours) -> Int64? {
        guard !answeredLive else { return nil }
        return hours.instant(afterOpen: Double(targetMs) / 1000, from: Date(unixMilliseconds: receivedAtMs))?
            .unixMilliseconds
    }

    /// The state of the clock at `now`. `stoppedAtMs` ends a clock without a reply
    /// (the ticket was resolved or closed unanswered).
    func status(ticketID: String, hours: OpeningHours, now: Date, stoppedAtMs: Int64? = nil) -> Tickets.SlaStatus {
        var status = Tickets.SlaStatus(
            ticket_id: ticketID, target_ms: targetMs, due_at_ms: dueAtMs(hours: hours),
            first_response_at_ms: firstResponseAtMs, answered_live: answeredLive)
        if let used = firstResponseMs, firstResponseAtMs != nil {
            status.state = answeredLive || used <= targetMs ? .met : .missed
            status.used_ms = used
            status.clock_running = false
        } else {
            let end = stoppedAtMs.map(Date.init(unixMilliseconds:)) ?? now
            let used = openMs(until: end, hours: hours)
            status.used_ms = used
            status.state = state(usedMs: used)
            status.clock_running = stoppedAtMs == nil && hours.isOpen(at: now)
        }
        status.remaining_ms = targetMs - (status.used_ms ?? 0)
        return status
    }

    /// ON_TRACK, AT_RISK or BREACHED for an unanswered contact; a breach the
    /// scheduler flagged stays a breach (e.g. after the calendar changed).
    func state(usedMs: Int64) -> Tickets.SlaState {
        if flag == .breached || usedMs >= targetMs { return .breached }
        if flag == .atRisk || Double(usedMs) >= Double(targetMs) * atRiskShare { return .atRisk }
        return .onTrack
    }
}
