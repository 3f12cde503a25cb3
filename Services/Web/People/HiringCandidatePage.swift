import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /people/hiring/{candidate}` (`HiringRoutes`): a candidate's stage, the
/// doubts and no-fits that block the hire ("any doubt is a no") with who gave them
/// and why, every evaluation (by whom, in which role, each value's verdict and note),
/// and the form for the signed-in person's own evaluation.
struct HiringCandidatePage: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func render(_ id: String, request: Request, viewer: PeopleViewer, section: PeopleSection) async -> Response {
        let context = PageContext(request)
        let t = context.t
        let calls = viewer.calls
        var values: [String: Any] = [:]
        var heading = t["people_nav_hiring"]
        var status: HTTPResponse.Status = .ok
        do {
            let candidate = try await calls.call(Staff.getEmployee, .init(employee_id: id)).employee
            heading = candidate?.name ?? id
            async let evaluations = calls.call(Staff.listEvaluations, .init(candidate_id: id)).evaluations
            async let decision = calls.call(Staff.getHireDecision, .init(candidate_id: id)).decision
            async let coreValues = calls.call(Staff.listCoreValues, .init()).values
            async let people = calls.call(Staff.listEmployees, .init(page_size: 500)).employees
            let everyone = try await people
            let names = Dictionary(
                everyone.map { ($0.employee_id ?? "", $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
            let valueList = try await coreValues
            let valueNames = Dictionary(
                valueList.map { ($0.value_id ?? "", $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
            let who = { (id: String?) in names[id ?? ""].flatMap { $0.isEmpty ? nil : $0 } ?? id ?? "" }
            let what = { (id: String?) in valueNames[id ?? ""].flatMap { $0.isEmpty ? nil : $0 } ?? id ?? "" }
            let found = try await decision
            values["stage"] = t.hireVerdict(found?.verdict)
            values["progress"] = HiringRoutes.progress(found, t)
            values["blocks"] = (found?.reasons ?? []).map { block -> [String: Any] in
                var row: [String: Any] = [
                    "text": t.format(
                        "people_hiring_block",
                        [
                            "who": who(block.evaluator_id), "role": t.evaluatorRole(block.evaluator_role),
                            "verdict": t.verdict(block.verdict), "value": what(block.value_id),
                        ])
                ]
                if let note = block.note { row["why"] = note }
                return row
            }
            values["blocked"] = found?.verdict == .blocked
            values["evaluations"] = try await evaluations.map { evaluation -> [String: Any] in
                var row: [String: Any] = [
                    "by": who(evaluation.evaluator_id), "role": t.evaluatorRole(evaluation.evaluator_role),
                    "when": context.language.date(
                        Date(timeIntervalSince1970: Double(evaluation.recorded_at_ms ?? 0) / 1000),
                        in: settings.timeZone),
                    "fits": evaluation.fits.map { fit -> [String: Any] in
                        var item: [String: Any] = [
                            "value": what(fit.value_id), "verdict": t.verdict(fit.verdict),
                            "doubt": fit.verdict != .fit,
                        ]
                        if let note = fit.note { item["fit_note"] = note }
                        return item
                    },
                ]
                if let note = evaluation.note { row["note"] = note }
                return row
            }
            values["coreValues"] = valueList.map { ["id": $0.value_id ?? "", "name": $0.name ?? $0.value_id ?? ""] }
            values["action"] = "/people/hiring/\(id)/evaluation"
            values["shown"] = true
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, t)
            status =
                switch error.code {
                case .notFound, .invalidArgument: .notFound
                case .permissionDenied: .forbidden
                default: .serviceUnavailable
                }
        } catch {
            values["refusal"] = t.format("not_available", ["reason": "\(error)"])
            status = .serviceUnavailable
        }
        values["heading"] = heading
        return section.render(
            "candidate", values, title: heading, current: .hiring, viewer: viewer, request: request, status: status)
    }
}
