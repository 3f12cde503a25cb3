import Bus
import Contract
import Foundation
import Hummingbird

/// The hiring pipeline, for HR, the director and team leads (`PeopleViewer.hires`;
/// anyone else gets a 403 page saying so): `GET /people/hiring` lists the
/// candidates with their stage (staff's `GetHireDecision`: waiting for evaluations,
/// clear, or blocked); `GET /people/hiring/{candidate}` shows the evaluations (by
/// whom, in which role, each core value's verdict) and every doubt or no-fit that
/// blocks the hire with why, and a form for the signed-in person's own evaluation,
/// which `POST /people/hiring/{candidate}/evaluation` records as them (staff's rule:
/// an evaluation is recorded by the evaluator themself).
struct HiringRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        let section = PeopleSection(client: client, settings: settings)
        router.get("/people/hiring") { request, context in
            try await hirer(request, context, section) { viewer in await list(request, viewer: viewer, section: section)
            }
        }
        router.get("/people/hiring/:candidate") { request, context in
            let candidate = context.parameters.get("candidate") ?? ""
            return try await hirer(request, context, section) { viewer in
                await HiringCandidatePage(client: client, settings: settings)
                    .render(candidate, request: request, viewer: viewer, section: section)
            }
        }
        router.post("/people/hiring/:candidate/evaluation") { request, context in
            let candidate = context.parameters.get("candidate") ?? ""
            return try await section.post(request, context, back: "/people/hiring/\(candidate)") {
                form, viewer, key, t in try await Self.evaluate(candidate, form, viewer, key, t)
            }
        }
    }

    /// Runs `page` for HR, the director and leads; anyone else gets a 403 page.
    private func hirer(
        _ request: Request, _ context: WebRequestContext, _ section: PeopleSection,
        _ page: (PeopleViewer) async throws -> Response
    ) async throws -> Response {
        let viewer: PeopleViewer
        switch await section.viewer(request, context) {
        case .success(let found): viewer = found
        case .failure(let refused): return refused.response
        }
        guard viewer.hires else {
            let t = PageContext(request).t
            return section.render(
                "hiring", ["refusal": t["people_hiring_only"]], title: t["people_nav_hiring"], current: .hiring,
                viewer: viewer, request: request, status: .forbidden)
        }
        return try await page(viewer)
    }

    private func list(_ request: Request, viewer: PeopleViewer, section: PeopleSection) async -> Response {
        let t = PageContext(request).t
        var values: [String: Any] = [:]
        do {
            let candidates = try await viewer.calls.call(
                Staff.listEmployees, .init(statuses: [.candidate], page_size: 500)
            ).employees
            let calls = viewer.calls
            let decisions = try await candidates.concurrentMap { candidate in
                try await calls.call(Staff.getHireDecision, .init(candidate_id: candidate.employee_id)).decision
            }
            let rows = zip(candidates, decisions).map { candidate, decision -> [String: Any] in
                let id = candidate.employee_id ?? ""
                return [
                    "href": "/people/hiring/\(id)", "name": candidate.name ?? id,
                    "stage": t.hireVerdict(decision?.verdict),
                    "blocked": decision?.verdict == .blocked, "detail": Self.progress(decision, t),
                ]
            }
            values["candidates"] = rows
            values["listed"] = !rows.isEmpty
            values["empty"] = rows.isEmpty
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, t)
        } catch {
            values["refusal"] = t.format("not_available", ["reason": "\(error)"])
        }
        return section.render(
            "hiring", values, title: t["people_nav_hiring"], current: .hiring, viewer: viewer, request: request)
    }

    /// Who has evaluated so far: the hiring manager or not, and how many colleagues.
    static func progress(_ decision: Staff.HireDecision?, _ t: Messages) -> String {
        t.format(
            decision?.hiring_manager_evaluated == true ? "people_hiring_manager_done" : "people_hiring_manager_missing",
            ["n": "\(decision?.employee_evaluations ?? 0)"])
    }

    /// Records the signed-in person's evaluation: `role` (`hiring-manager` or
    /// `employee`), `fit.<value>` = `fit` / `doubt` / `no-fit` for each value judged,
    /// `note.<value>` and `note`.
    private static func evaluate(
        _ candidate: String, _ form: Form, _ viewer: PeopleViewer, _ key: String?, _ t: Messages
    ) async throws -> String {
        guard viewer.hires else { throw FormError(message: t["people_hiring_only"]) }
        let verdicts: [String: Staff.FitVerdict] = ["fit": .fit, "doubt": .doubt, "no-fit": .noFit]
        let fits = form.fields.keys.filter { $0.hasPrefix("fit.") }.sorted().compactMap { name -> Staff.ValueFit? in
            guard let verdict = form[name].flatMap({ verdicts[$0] }) else { return nil }
            let value = String(name.dropFirst("fit.".count))
            let note = form["note.\(value)"].flatMap { $0.isEmpty ? nil : $0 }
            return Staff.ValueFit(value_id: value, verdict: verdict, note: note)
        }
        let role: Staff.EvaluatorRole = form["role"] == "hiring-manager" ? .hiringManager : .employee
        let note = form["note"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await viewer.calls.call(
            Staff.recordEvaluation,
            .init(candidate_id: candidate, evaluator_id: viewer.id, evaluator_role: role, fits: fits, note: note),
            key: key)
        return t["people_evaluation_recorded"]
    }
}
