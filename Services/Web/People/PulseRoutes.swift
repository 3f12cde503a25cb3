import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /people/pulse`: the engagement pulse (eNPS). The signed-in employee answers
/// "how likely are you to recommend working here?" 0-10 once a month; staff keeps
/// the score against the team and month only (`SubmitPulse`). The results show each
/// team's figures this month (own team; a lead's teams; every team for HR and the
/// director) only once staff releases them: below its threshold staff withholds
/// them and the page says how many answered and from how many it shows figures.
struct PulseRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        let section = PeopleSection(client: client, settings: settings)
        router.get("/people/pulse") { request, context in
            let viewer: PeopleViewer
            switch await section.viewer(request, context) {
            case .success(let found): viewer = found
            case .failure(let refused): return refused.response
            }
            return await page(request, viewer: viewer, section: section)
        }
        router.post("/people/pulse") { request, context in
            try await section.post(request, context, back: PeopleSection.Page.pulse.href, Self.answer)
        }
    }

    private func page(_ request: Request, viewer: PeopleViewer, section: PeopleSection) async -> Response {
        let context = PageContext(request)
        let t = context.t
        var values: [String: Any] = ["scores": (0...10).map { ["score": $0] }]
        do {
            let teams = try await viewer.calls.call(Staff.listTeams, .init(page_size: 500)).teams.filter {
                viewer.seesEveryone || $0.team_id == viewer.teamID || ($0.lead_id == viewer.id)
            }
            let calls = viewer.calls
            let results = try await teams.concurrentMap { team in
                (team, try await calls.call(Staff.getPulseResult, .init(team_id: team.team_id)).result)
            }.map { row($0.0, $0.1, context) }
            values["results"] = results
            values["no_team"] = results.isEmpty
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, t)
        } catch {
            values["refusal"] = t.format("not_available", ["reason": "\(error)"])
        }
        return section.render(
            "pulse", values, title: t["people_nav_pulse"], current: .pulse, viewer: viewer, request: request)
    }

    /// One team's figures, or why staff withholds them.
    private func row(_ team: Staff.Team, _ result: Staff.PulseResult?, _ context: PageContext) -> [String: Any] {
        let t = context.t
        let answers = "\(result?.answers ?? 0)"
        var row: [String: Any] = ["team": team.name ?? team.team_id ?? "", "period": result?.period ?? ""]
        if result?.withheld != false {
            row["withheld"] = t.format(
                "people_pulse_withheld", ["answers": answers, "min": "\(result?.min_answers ?? 0)"])
            return row
        }
        row["enps"] = context.language.number(result?.enps ?? 0)
        row["split"] = t.format(
            "people_pulse_split",
            [
                "answers": answers, "promoters": "\(result?.promoters ?? 0)", "passives": "\(result?.passives ?? 0)",
                "detractors": "\(result?.detractors ?? 0)",
            ])
        return row
    }

    /// Sends the score for the signed-in employee; staff stores it without their name.
    private static let answer: PeopleSection.Action = { form, viewer, key, t in
        guard let score = form["score"].flatMap({ Int32($0) }), (0...10).contains(score) else {
            throw FormError(message: t["people_pulse_bad_score"])
        }
        let reply = try await viewer.calls.call(
            Staff.submitPulse, .init(employee_id: viewer.id, score: score), key: key)
        return t.format("people_pulse_thanks", ["period": reply.period ?? ""])
    }
}
