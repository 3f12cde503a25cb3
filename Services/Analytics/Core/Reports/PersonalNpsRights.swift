import Bus
import Contract

/// Whose personal NPS an employee sees: the director of happy customers everyone's,
/// a team lead the people of the teams they lead (and their own), anyone else only
/// their own. Team and company NPS are open to all (`GetNps`). A call without an
/// acting employee (a service, an operator) sees everyone's.
struct PersonalNpsRights {
    /// The rule, as refusals name it.
    static let rule = "personal NPS is seen by the employee, the lead of their team and the director"

    private let actor: UInt32
    private let seesAll: Bool
    private let ledTeams: Set<UInt32>

    /// - Throws: PERMISSION_DENIED naming the rule when analytics knows no employee `actorID`.
    init(actor actorID: String, in state: borrowing ReadModelState) throws {
        guard let actor = state.strings.existing(actorID), let info = state.employees[actor] else {
            throw RPCError(.permissionDenied, "\(Self.rule): \(actorID) is no employee analytics knows")
        }
        self.actor = actor
        seesAll = info.role == Staff.EmployeeRole.directorOfHappyCustomers.rawValue
        ledTeams = Set(state.teamLeads.filter { $0.value == actor }.keys)
    }

    /// Whether the actor sees the figures of `employee`, whose current team is `team`.
    func sees(employee: UInt32, team: UInt32) -> Bool {
        seesAll || employee == actor || (team != 0 && ledTeams.contains(team))
    }

    /// Whether the actor sees `entry`.
    func sees(_ entry: Analytics.PersonalNpsEntry, in state: borrowing ReadModelState) -> Bool {
        guard let name = entry.employee_id, let id = state.strings.existing(name) else { return false }
        return sees(employee: id, team: state.employees[id]?.team ?? 0)
    }
}

extension ReadModelState {
    /// The ranking as `actor` may see it (everyone's without one); entries keep
    /// their rank in the full ranking.
    package func personalNpsRanking(_ request: Analytics.GetPersonalNpsRankingRequest, actor: String?) throws
        -> Analytics.GetPersonalNpsRankingReply
    {
        var reply = try personalNpsRanking(request)
        guard let actor else { return reply }
        let rights = try PersonalNpsRights(actor: actor, in: self)
        reply.ranked = reply.ranked.filter { rights.sees($0, in: self) }
        reply.not_yet_rankable = reply.not_yet_rankable.filter { rights.sees($0, in: self) }
        return reply
    }
}
