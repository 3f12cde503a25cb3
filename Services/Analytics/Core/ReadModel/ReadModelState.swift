import Contract
import Domain

/// Everything analytics knows, built only from the events of staff, tickets and
/// feedback: compact facts per report area, dictionary-encoded attributes, staff
/// names, and the last sequence applied per source. Guarded by `AnalyticsReadModel`.
package struct ReadModelState {
    var strings = Interner()
    var responses = FactLog<ResponseFact>()
    var tickets = FactLog<TicketFact>()
    var ticketIndex: [String: FactHandle] = [:]
    var resolutions = FactLog<ResolutionFact>()
    var escalations = FactLog<EscalationFact>()
    var gestures = FactLog<GestureFact>()
    var gestureIndex: [String: FactHandle] = [:]
    var followUps = FactLog<FollowUpFact>()
    var followUpIndex: [String: FactHandle] = [:]
    var compliments = FactLog<ComplimentFact>()
    /// eNPS answers per team and period "YYYY-MM".
    var pulses: [PulseKey: NpsCounts] = [:]
    var employees: [UInt32: EmployeeInfo] = [:]
    var teamNames: [UInt32: String] = [:]
    /// Each team's lead (interned ids), for `PersonalNpsRights`.
    var teamLeads: [UInt32: UInt32] = [:]
    /// Last applied sequence per source service.
    var positions: [String: UInt64] = [:]
    var lastEventAtMs: [String: Int64] = [:]
    /// Per source, the digest of the last applied event's type and payload: a
    /// snapshot's positions are trusted only when the source still has that event.
    var lastEventDigest: [String: UInt64] = [:]
    /// Events whose payload did not decode (counted, then passed over).
    var undecodable: UInt64 = 0

    struct PulseKey: Hashable {
        var team: UInt32
        var period: String
    }

    /// Facts held, all kinds together (answers, tickets, resolutions, ...).
    package var factCount: Int {
        responses.count + tickets.count + resolutions.count + escalations.count + gestures.count + followUps.count
            + compliments.count
    }

    /// The sources analytics follows, in the order reports list them.
    package static let sources = ["tickets", "feedback", "staff"]

    /// Encodes attributes as they arrive in events.
    mutating func dims(
        country: String? = nil, category: String? = nil, channel: Channel? = nil, employee: String? = nil,
        team: String? = nil, employer: String? = nil
    ) -> Dims {
        Dims(
            country: strings.id(country), category: strings.id(category), employee: strings.id(employee),
            team: strings.id(team), employer: strings.id(employer), channel: UInt8(channel?.wireValue ?? 0))
    }

    /// The id of "in-house", the employer of the company's own staff.
    var inHouse: UInt32 { strings.existing("in-house") ?? UInt32.max }

    /// 1 in-house, 2 partner, 0 unknown (the wire numbers of `Staff.EmployerKind`).
    func employerKind(_ employer: UInt32) -> UInt8 {
        employer == 0 ? 0 : employer == inHouse ? 1 : 2
    }
}
