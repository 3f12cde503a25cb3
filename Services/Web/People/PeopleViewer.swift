import Bus
import Contract
import Hummingbird

/// The signed-in employee on a people page: their bus calls (as the acting
/// employee) and their role and team, which decide what the pages offer them.
/// Staff still decides on every record it guards; the role here chooses what to
/// list and which links to show.
struct PeopleViewer: Sendable {
    let calls: AgentCalls
    let role: Staff.EmployeeRole
    /// The team the viewer is in, if any.
    let teamID: String?

    var id: String { calls.agent }

    /// HR and the director of happy customers see everyone.
    var seesEveryone: Bool { role == .hr || role == .directorOfHappyCustomers }

    /// HR, the director and team leads see the hiring pipeline.
    var hires: Bool { seesEveryone || role == .teamLead }

    /// The viewer of `request`: the account the sign-in check brought along, or
    /// staff's record of the employee when it did not.
    /// - Throws: `NotAnAgent` (sign-in redirect, or a 403 page for operators);
    ///   `RPCError` when staff cannot say who they are.
    static func of(
        _ request: Request, _ context: WebRequestContext, settings: WebSettings, client: any RPCClient
    ) async throws -> PeopleViewer {
        let calls = try settings.agentCalls(request, client: client)
        if let account = context.account, account.employee_id == calls.agent {
            return PeopleViewer(calls: calls, role: account.role ?? .unspecified, teamID: account.team_id)
        }
        let employee = try await calls.call(Staff.getEmployee, .init(employee_id: calls.agent)).employee
        return PeopleViewer(calls: calls, role: employee?.role ?? .unspecified, teamID: employee?.team_id)
    }
}
