import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /people/compliments`: "give each other a compliment": a form to give a
/// colleague one (optionally tagged with a core value) and the compliments the
/// signed-in employee received, newest first. `POST /people/compliments` gives it
/// (staff `GivePeerCompliment`, always from the signed-in employee) and comes back
/// with what was done or staff's refusal.
struct ComplimentRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        let section = PeopleSection(client: client, settings: settings)
        router.get("/people/compliments") { request, context in
            let viewer: PeopleViewer
            switch await section.viewer(request, context) {
            case .success(let found): viewer = found
            case .failure(let refused): return refused.response
            }
            return await page(request, viewer: viewer, section: section)
        }
        router.post("/people/compliments") { request, context in
            try await section.post(request, context, back: PeopleSection.Page.compliments.href, Self.give)
        }
    }

    private func page(_ request: Request, viewer: PeopleViewer, section: PeopleSection) async -> Response {
        let context = PageContext(request)
        let t = context.t
        let calls = viewer.calls
        var values: [String: Any] = [:]
        do {
            async let colleagues = calls.call(
                Staff.listEmployees, .init(statuses: PeopleRoutes.staffStatuses, page_size: 500)
            ).employees
            async let coreValues = calls.call(Staff.listCoreValues, .init()).values
            async let received = calls.call(
                Staff.listPeerCompliments, .init(to_employee_id: viewer.id, page_size: 50)
            ).compliments
            let people = try await colleagues
            let coreValueList = try await coreValues
            let names = Dictionary(
                people.map { ($0.employee_id ?? "", $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
            let valueNames = Dictionary(
                coreValueList.map { ($0.value_id ?? "", $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
            values["colleagues"] = people.filter { $0.employee_id != viewer.id }.map {
                ["id": $0.employee_id ?? "", "name": $0.name ?? $0.employee_id ?? ""]
            }
            values["values"] = coreValueList.map { ["id": $0.value_id ?? "", "name": $0.name ?? $0.value_id ?? ""] }
            let compliments = try await received
            values["received"] = compliments.map { compliment -> [String: Any] in
                let from = compliment.from_employee_id ?? ""
                var row: [String: Any] = [
                    "text": compliment.text ?? "", "from": names[from] ?? from,
                    "when": context.language.date(
                        Date(timeIntervalSince1970: Double(compliment.given_at_ms ?? 0) / 1000), in: settings.timeZone),
                ]
                if let value = compliment.value_id { row["value"] = valueNames[value] ?? value }
                return row
            }
            values["has_received"] = !compliments.isEmpty
            values["shown"] = true
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, t)
        } catch {
            values["refusal"] = t.format("not_available", ["reason": "\(error)"])
        }
        return section.render(
            "compliments", values, title: t["people_nav_compliments"], current: .compliments, viewer: viewer,
            request: request)
    }

    /// Gives the compliment from the signed-in employee; the colleague and text are the form's.
    private static let give: PeopleSection.Action = { form, viewer, key, t in
        let value = form["value"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await viewer.calls.call(
            Staff.givePeerCompliment,
            .init(
                from_employee_id: viewer.id, to_employee_id: form["to"] ?? "", text: form["text"] ?? "", value_id: value
            ),
            key: key)
        return t["people_compliment_given"]
    }
}
