import Contract

// Typed appliers for staff's events.
extension ReadModelState {
    package mutating func apply(employee: Staff.Employee?) {
        guard let employee, let id = employee.employee_id else { return }
        employees[strings.id(id)] = EmployeeInfo(
            name: employee.name ?? "", team: strings.id(employee.team_id), employer: strings.id(employee.employer_id),
            role: employee.role?.rawValue ?? 0)
    }

    package mutating func apply(team: Staff.Team?) {
        guard let team, let id = team.team_id else { return }
        teamNames[strings.id(id)] = team.name ?? ""
        teamLeads[strings.id(id)] = team.lead_id.map { strings.id($0) }
    }

    mutating func apply(_ compliment: Staff.PeerCompliment, at occurredAtMs: Int64) {
        let dims = dims(employee: compliment.to_employee_id, team: compliment.team_id)
        compliments.append(
            ComplimentFact(
                atMs: compliment.given_at_ms ?? occurredAtMs, dims: dims,
                values: compliment.value_id.map { [strings.id($0)] } ?? [], withConsent: false, fromPeer: true))
    }

    mutating func apply(_ pulse: Staff.PulseSubmitted) {
        guard let period = pulse.period, let score = pulse.score, (0...10).contains(score) else { return }
        pulses[PulseKey(team: strings.id(pulse.team_id), period: period), default: NpsCounts()].add(score: Int8(score))
    }
}
