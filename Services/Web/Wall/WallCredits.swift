import Bus
import Contract
import Foundation

/// The names of the employees and teams a wall credits, from staff; an id staff
/// does not name (unknown, not answering) is shown as it is.
struct WallCredits: Sendable {
    var employees: [String: String] = [:]
    var teams: [String: String] = [:]

    func employee(_ id: String) -> String { employees[id] ?? id }
    func team(_ id: String) -> String { teams[id] ?? id }

    /// Asks staff for each distinct id at once.
    static func resolve(employees: [String], teams: [String], client: any RPCClient, timeout: Duration) async
        -> WallCredits
    {
        let options = CallOptions(timeout: timeout)
        var credits = WallCredits()
        await withTaskGroup(of: (String, String?, Bool).self) { group in
            for id in Set(employees) where !id.isEmpty {
                group.addTask {
                    let name = try? await client.call(Staff.getEmployee, .init(employee_id: id), options: options)
                        .employee?.name
                    return (id, name, true)
                }
            }
            for id in Set(teams) where !id.isEmpty {
                group.addTask {
                    let name = try? await client.call(Staff.getTeam, .init(team_id: id), options: options).team?.name
                    return (id, name, false)
                }
            }
            for await (id, name, isEmployee) in group {
                guard let name, !name.isEmpty else { continue }
                if isEmployee { credits.employees[id] = name } else { credits.teams[id] = name }
            }
        }
        return credits
    }
}
