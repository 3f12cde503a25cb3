import Bus
import Contract
import Foundation
import Hummingbird

/// `/people/{employee}/one-to-ones`: an employee's one-to-one notes, newest first,
/// for the signed-in employee as staff's rights allow (the employee, their lead,
/// HR, the director). Staff decides: a refusal shows its PERMISSION_DENIED message.
/// Users of the users file (operators) are no employee, so they see no notes.
struct OneToOneRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/people/:employee/one-to-ones") { request, context in
            try await notes(request, employee: context.parameters.get("employee") ?? "")
        }
    }

    private func notes(_ request: Request, employee: String) async throws -> Response {
        guard let session = settings.sessions.session(request) else {
            return .signIn(returningTo: request)
        }
        let context = PageContext(request)
        guard let actor = session.employeeID else {
            return page(context, employee: employee, refusal: context.t["one_to_ones_employees_only"], .forbidden)
        }
        let reply: Staff.ListOneToOneNotesReply
        do {
            reply = try await client.call(
                Staff.listOneToOneNotes, .init(employee_id: employee, page_size: 50),
                options: CallOptions(timeout: settings.callTimeout, actor: actor))
        } catch let error as RPCError {
            switch error.code {
            case .permissionDenied: return page(context, employee: employee, refusal: error.message, .forbidden)
            case .notFound, .invalidArgument:
                return page(context, employee: employee, refusal: error.message, .notFound)
            default:
                let message = context.t.format("not_available", ["reason": error.message])
                return page(context, employee: employee, refusal: message, .serviceUnavailable)
            }
        }
        return page(context, employee: employee, notes: reply.notes)
    }

    /// The notes (newest first: when, with whom, what was said and agreed), or why not.
    private func page(
        _ context: PageContext, employee: String, notes: [Staff.OneToOneNote] = [], refusal: String? = nil,
        _ status: HTTPResponse.Status = .ok
    ) -> Response {
        let rows: [[String: Any]] = notes.map { note in
            let held = Date(timeIntervalSince1970: Double(note.held_at_ms ?? 0) / 1000)
            var row: [String: Any] = [
                "held": context.language.date(held, in: .current), "author": note.author_id ?? "",
                "text": note.text ?? "",
            ]
            if let agreed = note.agreements { row["agreed"] = agreed }
            return row
        }
        var values: [String: Any] = [
            "heading": context.t.format("one_to_ones_of", ["employee": employee]), "notes": rows,
            "shown": refusal == nil,
        ]
        if let refusal { values["refusal"] = refusal }
        return HTML.page("one-to-ones", values, title: context.t["one_to_ones_title"], context: context, status: status)
    }
}
