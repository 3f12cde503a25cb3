import Bus
import Contract
import Domain
import Foundation
import Hummingbird

/// The ticket page's forms: `POST /tickets/{id}/{take,reply,note,gesture,escalate,resolve}`
/// and `POST /tickets/{id}/deliveries/{delivery}/retry` (a failed reply sent again).
/// Each checks the session's CSRF token, calls tickets as the signed-in agent and
/// goes back to the ticket (303) with what was done or the service's refusal.
/// A form's `once` field is the call's idempotency key: a double post does it once.
extension TicketRoutes {
    /// What a form asks of tickets; returns the notice to show, or throws the refusal.
    typealias Action =
        @Sendable (_ id: String, _ form: Form, _ key: String?, _ calls: AgentCalls, _ t: Messages) async throws
        -> String

    func registerActions(on router: Router<WebRequestContext>) {
        let actions: [(String, Action)] =
            [
                ("take", Self.take), ("reply", Self.reply), ("note", Self.note), ("gesture", Self.gesture),
                ("escalate", Self.escalate),
                ("resolve", Self.resolve),
            ] + Self.customerActions
        for (name, action) in actions {
            router.post(RouterPath("/tickets/:id/\(name)")) { request, context in
                try await perform(request, id: context.parameters.get("id") ?? "", action)
            }
        }
        router.post("/tickets/:id/deliveries/:delivery/retry") { request, context in
            let delivery = context.parameters.get("delivery") ?? ""
            return try await perform(request, id: context.parameters.get("id") ?? "") { _, form, key, calls, t in
                _ = try await calls.call(
                    Channels.retryDelivery, .init(delivery_id: delivery), key: key)
                return t["delivery_retried"]
            }
        }
    }

    private func perform(_ request: Request, id: String, _ action: Action) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        return try await settings.formPost(
            request, purpose: Self.csrfPurpose, back: Tickets.Ticket.href(id), expired: "ticket_form_expired",
            backLabel: "back_to_ticket"
        ) { form, key, page in try await action(id, form, key, calls, page.t) }
    }

    /// The agent takes the ticket: it becomes theirs, in their team's queue.
    private static let take: Action = { id, form, key, calls, t in
        _ = try await calls.call(
            Tickets.assignTicket, .init(ticket_id: id, assignee_id: calls.agent, assigned_by_id: calls.agent),
            key: key)
        return t["ticket_taken"]
    }

    private static let reply: Action = { id, form, key, calls, t in
        _ = try await calls.call(
            Tickets.addMessage,
            .init(ticket_id: id, kind: .publicReply, author_id: calls.agent, body: form["body"] ?? ""),
            key: key)
        return t["ticket_replied"]
    }

    private static let note: Action = { id, form, key, calls, t in
        _ = try await calls.call(
            Tickets.addMessage,
            .init(ticket_id: id, kind: .internalNote, author_id: calls.agent, body: form["body"] ?? ""),
            key: key)
        return t["ticket_noted"]
    }

    private static let gesture: Action = { id, form, key, calls, t in
        let currency = (try? Currency(form["currency"] ?? "")) ?? .eur
        guard let amount = Money(typed: form["amount"] ?? "", currency: currency), amount.minorUnits > 0
        else {
            throw FormError(message: t["gesture_bad_amount"])
        }
        let language = t.language
        let granted = try await calls.call(
            Tickets.grantGesture,
            .init(
                ticket_id: id, employee_id: calls.agent, kind: GestureKindName.kind(form["kind"]) ?? .other,
                amount: amount, description: form["description"] ?? ""), key: key
        ).gesture
        let remaining = granted?.remaining_budget.map(language.money) ?? ""
        if granted?.outcome == .granted {
            return t.format(
                "gesture_granted", ["amount": language.money(amount), "remaining": remaining])
        }
        return t.format(
            "gesture_waiting",
            ["amount": language.money(amount), "reason": granted?.refusal_reason ?? ""])
    }

    private static let escalate: Action = { id, form, key, calls, t in
        _ = try await calls.call(
            Tickets.escalateTicket,
            .init(ticket_id: id, escalated_by_id: calls.agent, reason: form["reason"] ?? ""),
            key: key)
        return t["ticket_escalated"]
    }

    private static let resolve: Action = { id, form, key, calls, t in
        _ = try await calls.call(
            Tickets.resolveTicket,
            .init(ticket_id: id, resolved_by_id: calls.agent, summary: form["summary"] ?? ""),
            key: key)
        return t["ticket_resolved"]
    }
}
