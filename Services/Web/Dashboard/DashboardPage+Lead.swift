import Contract
import Domain
import Foundation

extension DashboardPage {
    /// "Today 40, yesterday 25: +15" and the same for the last 7 days against the 7
    /// before, as numbers; "–" where a side has no answers.
    func comparisons(into card: inout DashboardCard) {
        func nps(_ section: Section<Analytics.GetNpsReply>) -> Double? {
            guard case .ready(let reply) = section else { return nil }
            return reply.total?.nps
        }
        func line(_ key: String, _ now: Double?, _ before: Double?, id: String) {
            let delta = now.flatMap { now in before.map { now - $0 } }
            card.paragraph(
                t.format(
                    key,
                    [
                        "now": now.map { language.number($0) } ?? "–",
                        "before": before.map { language.number($0) } ?? "–",
                        "delta": delta.map { ($0 >= 0 ? "+" : "") + language.number($0) } ?? "–",
                    ]), id: id)
        }
        line("dash_vs_yesterday", nps(data.lead.today), nps(data.lead.yesterday), id: "nps-vs-yesterday")
        line("dash_vs_last_week", nps(data.lead.thisWeek), nps(data.lead.lastWeek), id: "nps-vs-last-week")
    }

    /// The share of resolved tickets that took one contact.
    func resolution() -> DashboardCard {
        let title = t["dash_fcr"]
        guard case .ready(let reply) = data.lead.resolution else {
            return unavailable(title, csv: nil, data.lead.resolution)
        }
        var card = card(title, csv: nil)
        guard let total = reply.total, let resolved = total.resolved, resolved > 0 else {
            card.paragraph(t["dash_no_tickets"], class: "muted")
            return card
        }
        card.paragraph(language.percent(total.share ?? 0), class: "big", id: "fcr")
        card.paragraph(
            t.format(
                "dash_fcr_detail",
                ["first": language.number(total.first_contact ?? 0), "resolved": language.number(resolved)]))
        return card
    }

    /// Tickets handed to Special Care in the window, and how many of them are resolved.
    func escalations() -> DashboardCard {
        let title = t["dash_escalations"]
        guard case .ready(let reply) = data.lead.escalations else {
            return unavailable(title, csv: nil, data.lead.escalations)
        }
        var card = card(title, csv: nil)
        let total = reply.total
        card.paragraph(language.number(total?.escalations ?? 0), class: "big", id: "escalations")
        card.paragraph(
            t.format("dash_escalations_resolved", ["resolved": language.number(total?.resolved ?? 0)]), class: "muted")
        return card
    }

    /// The month's engagement pulse: eNPS, or why it is withheld.
    func engagement() -> DashboardCard {
        let title = t["dash_enps"]
        guard case .ready(let reply) = data.lead.engagement else {
            return unavailable(title, csv: nil, data.lead.engagement)
        }
        var card = card(title, csv: nil)
        let row = query.team == nil ? reply.overall : reply.rows.first
        guard let row, row.withheld != true, let enps = row.enps else {
            card.paragraph("–", class: "big")
            card.paragraph(
                t.format(
                    "dash_enps_withheld",
                    ["answers": language.number(row?.answers ?? 0), "min": language.number(reply.min_answers ?? 0)]),
                class: "muted")
            return card
        }
        card.paragraph(language.number(enps), class: "big", id: "enps")
        card.paragraph(
            t.format(
                "dash_mix",
                [
                    "promoters": language.number(row.promoters ?? 0), "passives": language.number(row.passives ?? 0),
                    "detractors": language.number(row.detractors ?? 0),
                ]), class: "muted")
        return card
    }

    /// The team filter's choices: every team, then staff's teams by name.
    var teamChoices: [[String: Any]] {
        var choices: [[String: Any]] = [["value": "", "label": t["dash_every_team"], "selected": query.team == nil]]
        if case .ready(let reply) = data.lead.teams {
            choices += reply.teams.map { team in
                ["value": team.team_id ?? "", "label": team.name ?? "", "selected": team.team_id == query.team]
            }
        } else if let team = query.team {
            choices.append(["value": team, "label": team, "selected": true])
        }
        return choices
    }
}
