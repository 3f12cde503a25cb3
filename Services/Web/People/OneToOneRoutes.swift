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
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return Response.redirect(to: "/signin?next=\(next)", type: .normal)
        }
        guard let actor = session.employeeID else {
            return refusal("One-to-ones are seen by employees only: sign in with your work e-mail.", .forbidden)
        }
        let reply: Staff.ListOneToOneNotesReply
        do {
            reply = try await client.call(
                Staff.listOneToOneNotes, .init(employee_id: employee, page_size: 50),
                options: CallOptions(timeout: settings.callTimeout, actor: actor))
        } catch let error as RPCError {
            switch error.code {
            case .permissionDenied: return refusal(error.message, .forbidden)
            case .notFound, .invalidArgument: return refusal(error.message, .notFound)
            default: return refusal("Not available right now: \(error.message)", .serviceUnavailable)
            }
        }
        return HTML.page("One-to-ones", Self.render(reply.notes, of: employee))
    }

    private func refusal(_ message: String, _ status: HTTPResponse.Status) -> Response {
        HTML.page(
            "One-to-ones",
            #"<h1>One-to-ones</h1><p class="error" role="alert">\#(HTML.escape(message))</p>"#, status: status)
    }

    /// The notes as a list: when, by whom, what was said and agreed.
    static func render(_ notes: [Staff.OneToOneNote], of employee: String) -> String {
        let items = notes.map { note in
            let held = Date(timeIntervalSince1970: Double(note.held_at_ms ?? 0) / 1000)
            return """
                <li class="card"><p class="muted">\(HTML.escape(held.formatted(.iso8601.year().month().day()))) \
                with \(HTML.escape(note.author_id ?? ""))</p><p>\(HTML.escape(note.text ?? ""))</p>\
                \(note.agreements.map { "<p><strong>Agreed:</strong> \(HTML.escape($0))</p>" } ?? "")</li>
                """
        }
        let list = items.isEmpty ? #"<p class="muted">No one-to-ones yet.</p>"# : "<ul>\(items.joined())</ul>"
        return "<h1>One-to-ones of \(HTML.escape(employee))</h1>\(list)"
    }
}
