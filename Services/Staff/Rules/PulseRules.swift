import Contract
import Domain
import ServiceKit

/// The engagement pulse (eNPS): 0-10 like NPS, shown per team and month, and only
/// once enough people answered that nobody's answer can be read from the result.
enum PulseRules {
    /// Below this many answers a team's figures are withheld.
    static let minAnswers: UInt32 = 5

    /// The team whose tally `employee`'s answer raises.
    /// - Throws: `Refusal.precondition` for a candidate, someone who left, or someone in no team.
    static func team(of employee: Staff.Employee) throws(Refusal) -> String {
        let id = employee.employee_id ?? ""
        guard employee.status != .left, employee.status != .candidate else {
            throw Refusal.precondition("the pulse is for staff; \(id) is \(employee.statusOrUnspecified)")
        }
        guard let team = employee.team_id else {
            throw Refusal.precondition("\(id) is in no team; the pulse is counted per team")
        }
        return team
    }

    /// The result for a team and period from its tally of (score, answers).
    static func result(team: String, period: String, tally: [(score: Int, answers: Int)]) -> Staff.PulseResult {
        var summary = NPSSummary()
        for (score, answers) in tally {
            guard let score = try? NPSScore(score) else { continue }
            for _ in 0..<answers { summary.record(score) }
        }
        var result = Staff.PulseResult(
            team_id: team, period: period, answers: UInt32(summary.n), min_answers: minAnswers,
            withheld: UInt32(summary.n) < minAnswers)
        guard result.withheld == false else { return result }
        result.promoters = UInt32(summary.promoters)
        result.passives = UInt32(summary.passives)
        result.detractors = UInt32(summary.detractors)
        result.enps = summary.score
        return result
    }
}
