import Bus
import Contract
import Domain
import Foundation

extension ReadModelState {
    /// Answers a team needs before its eNPS is shown (anonymity).
    static let engagementThreshold: UInt32 = 5

    /// eNPS per team for a month, withheld below the anonymity threshold; `overall`
    /// is every listed team together under the same threshold.
    func engagement(_ request: Analytics.GetEngagementRequest, now: Date) throws -> Analytics.GetEngagementReply {
        let period = try request.period.map(Self.checkedPeriod) ?? Self.period(containing: now)
        var teamIDs: Set<String>
        if request.team_ids.isEmpty {
            teamIDs = Set(teamNames.keys.map { strings.name($0) })
            for key in pulses.keys where key.period == period { teamIDs.insert(strings.name(key.team)) }
        } else {
            teamIDs = Set(request.team_ids)
        }
        var overall = NpsCounts()
        var rows: [Analytics.EngagementRow] = []
        for id in teamIDs {
            let team = strings.existing(id)
            let counts = team.flatMap { pulses[PulseKey(team: $0, period: period)] } ?? NpsCounts()
            overall += counts
            let key = Analytics.GroupKey(team_id: id, team_name: team.flatMap { teamNames[$0] } ?? "")
            rows.append(Self.engagementRow(counts, key: key, period: period))
        }
        return Analytics.GetEngagementReply(
            rows: rows.sorted { $0.key!.team_id! < $1.key!.team_id! },
            overall: Self.engagementRow(overall, key: nil, period: period),
            min_answers: Self.engagementThreshold, as_of: position)
    }

    static func engagementRow(_ counts: NpsCounts, key: Analytics.GroupKey?, period: String) -> Analytics.EngagementRow
    {
        var row = Analytics.EngagementRow(key: key, period: period, answers: counts.n)
        guard counts.n >= UInt64(engagementThreshold) else {
            row.withheld = true
            return row
        }
        row.withheld = false
        row.promoters = counts.promoters
        row.passives = counts.passives
        row.detractors = counts.detractors
        row.enps = NpsFigures(counts)?.nps
        return row
    }

    static func checkedPeriod(_ text: String) throws -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let month = Int(parts[1]),
            Int(parts[0]) != nil, (1...12).contains(month)
        else { throw RPCError.invalidArgument(field: "period", "must be YYYY-MM, got '\(text)'") }
        return text
    }

    /// "YYYY-MM" of `date` in UTC.
    static func period(containing date: Date) -> String {
        String(LocalDate(containing: date, in: .gmt).description.prefix(7))
    }
}
