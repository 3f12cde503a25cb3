import Contract

extension Messages {
    /// The first-response state's name: "At risk", "Breached", ...
    func sla(_ state: Tickets.SlaState?) -> String {
        switch state {
        case .onTrack: self["sla_on_track"]
        case .atRisk: self["sla_at_risk"]
        case .breached: self["sla_breached"]
        case .met: self["sla_met"]
        case .missed: self["sla_missed"]
        case .unspecified, nil: ""
        }
    }

    /// The time left to the first response in open hours ("2 h 5 min left"), how long
    /// it is overdue, or nothing once answered; notes a clock paused while the channel is closed.
    func timeLeft(_ sla: Tickets.SlaStatus?) -> String {
        guard let sla, let remaining = sla.remaining_ms, [.onTrack, .atRisk, .breached].contains(sla.state) else {
            return ""
        }
        let text =
            remaining < 0
            ? format("sla_overdue", ["time": duration(ms: -remaining)])
            : format("sla_left", ["time": duration(ms: remaining)])
        return sla.clock_running == false ? text + " · " + self["sla_paused"] : text
    }

    /// The ticket status's name.
    func status(_ status: Tickets.TicketStatus?) -> String {
        switch status {
        case .new: self["status_new"]
        case .open: self["status_open"]
        case .pendingCustomer: self["status_pending"]
        case .resolved: self["status_resolved"]
        case .closed: self["status_closed"]
        case .reopened: self["status_reopened"]
        case .unspecified, nil: ""
        }
    }
}
