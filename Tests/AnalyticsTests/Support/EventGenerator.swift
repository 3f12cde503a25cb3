import Bus
import Contract
import Domain
import Wire

/// A deterministic world of staff, tickets and feedback, as the events those
/// services publish (sequences per service from 1) and as `RawWorld` rows.
struct GeneratedEvents {
    var world = RawWorld()
    var events: [String: [Event]] = ["staff": [], "tickets": [], "feedback": []]
    /// The same events as typed payloads, for writing them into a service's outbox.
    var payloads: [String: [(type: String, payload: any WireMessage)]] = ["staff": [], "tickets": [], "feedback": []]

    /// Every event, service by service (staff, tickets, feedback).
    var all: [Event] { ["staff", "tickets", "feedback"].flatMap { events[$0]! } }

    /// 2026-03-01T00:00:00Z; the data spans March 2026, across the Amsterdam clock change.
    static let start: Int64 = 1_772_323_200_000
    static let day: Int64 = 86_400_000
    static let countries = ["NL", "BE"]
    static let categories = ["photo-books", "toys", "laptops", "hair-care"]
    static let values = ["deliver-wow-through-service", "be-humble", "do-more-with-less"]
    static let employers = ["in-house", "partner-callcenter", "partner-staffing"]

    mutating func record(_ service: String, _ type: String, at: Int64, _ payload: some WireMessage) {
        let sequence = UInt64(events[service]!.count + 1)
        events[service]!.append(
            Event(
                service: service, sequence: sequence, type: type, occurred_at_ms: at, subject_id: "s",
                payload: try! payload.wireBytes()))
        payloads[service]!.append((type, payload))
    }

    init(seed: UInt64, tickets ticketCount: Int = 700, days: Int = 31) {
        var random = SeededRandom(seed: seed)
        generateStaff(&random)
        for number in 0..<ticketCount { generateTicket(number, days: days, &random) }
        for number in 0..<60 {
            // Web answers without a ticket or an agent.
            let response = RawWorld.Response(
                at: Self.start + random.ms(0...(Int64(days) * Self.day - 1)), score: random.int(0...10), agent: "",
                team: "", employer: "", channel: random.chance(0.5) ? .webForm : nil,
                country: random.pick(Self.countries),
                category: random.pick(Self.categories))
            submit(response, id: "web-\(number)", ticketID: nil, &random)
        }
        generateCompliments(days: days, &random)
        generatePulses(&random)
    }

    private mutating func generateStaff(_ random: inout SeededRandom) {
        for number in 1...5 {
            let team = Staff.Team(team_id: "team-\(number)", name: "Team \(number)")
            world.teams[team.team_id!] = team.name!
            record("staff", "team.created", at: Self.start, Staff.TeamCreated(team: team))
        }
        for number in 1...24 {
            let employee = RawWorld.Employee(
                id: String(format: "emp-%02d", number), name: "Agent \(number)", team: "team-\(1 + number % 5)",
                employer: random.pick(Self.employers))
            world.employees.append(employee)
            record(
                "staff", "employee.created", at: Self.start,
                Staff.EmployeeCreated(
                    employee: Staff.Employee(
                        employee_id: employee.id, name: employee.name, team_id: employee.team,
                        employer_id: employee.employer)))
        }
    }

    private mutating func generateCompliments(days: Int, _ random: inout SeededRandom) {
        for number in 0..<120 {
            let employee = random.pick(world.employees)
            let at = Self.start + random.ms(0...(Int64(days) * Self.day - 1))
            let values = Self.values.filter { _ in random.chance(0.4) }
            let peer = number % 3 == 0
            let compliment = RawWorld.Compliment(
                at: at, employee: employee.id, team: employee.team, values: values, consent: random.chance(0.6),
                peer: peer, channel: peer ? nil : random.pick(Channel.allCases),
                country: peer ? "" : random.pick(Self.countries))
            world.compliments.append(compliment)
            if peer {
                record(
                    "staff", "peer_compliment.given", at: at,
                    Staff.PeerComplimentGiven(
                        compliment: Staff.PeerCompliment(
                            compliment_id: "pc-\(number)", from_employee_id: "emp-01", to_employee_id: employee.id,
                            value_id: values.first, given_at_ms: at, team_id: employee.team)))
                world.compliments[world.compliments.count - 1].values = Array(values.prefix(1))
            } else {
                record(
                    "feedback", "compliment.created", at: at,
                    Feedback.ComplimentCreated(
                        compliment_id: "c-\(number)", source: .direct, employee_id: employee.id, team_id: employee.team,
                        value_ids: values, consent_to_show: compliment.consent, channel: compliment.channel,
                        country: compliment.country, received_at_ms: at))
            }
        }
    }

    private mutating func generatePulses(_ random: inout SeededRandom) {
        for team in 1...5 {
            // Team 5 stays below the anonymity threshold.
            for _ in 0..<(team == 5 ? 3 : random.int(5...12)) {
                let pulse = (team: "team-\(team)", period: "2026-03", score: random.int(0...10))
                world.pulses.append(pulse)
                record(
                    "staff", "pulse.submitted", at: Self.start,
                    Staff.PulseSubmitted(team_id: pulse.team, period: pulse.period, score: Int32(pulse.score)))
            }
        }
    }
}
