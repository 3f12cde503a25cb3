import Contract
import Domain
import Foundation

/// The values of the ticket template: what the agent reads and may do.
struct TicketPage {
    let ticket: Tickets.Ticket
    let agent: String
    let context: PageContext
    let timeZone: TimeZone
    /// The agent's goodwill budget this month; nil when staff did not answer.
    var budget: Staff.Budget?
    /// The customer's other tickets; nil when tickets did not list them.
    var contacts: [Tickets.Ticket]?
    /// The ticket's team as staff names it; nil when staff did not answer.
    var teamName: String?
    /// Files customers sent with their messages.
    var attachments: [Channels.Attachment] = []
    /// The customer's handles on every channel; nil when tickets did not say.
    var handles: [Tickets.CustomerHandle]?
    /// The deliveries of public replies by message id; nil when channels did not answer.
    var deliveries: [String: Channels.Delivery]?

    init(ticket: Tickets.Ticket, agent: String, context: PageContext, timeZone: TimeZone) {
        self.ticket = ticket
        self.agent = agent
        self.context = context
        self.timeZone = timeZone
    }

    private var t: Messages { context.t }

    var values: [String: Any] {
        let active = Tickets.Ticket.activeStatuses.contains(ticket.status ?? .unspecified)
        var values: [String: Any] = [
            "id": ticket.ticket_id ?? "", "action": ticket.href,
            "subject": ticket.subject ?? ticket.ticket_id ?? "",
            "customer": ticket.customer?.name ?? "", "handle": ticket.customer?.handle ?? "",
            "channel": ticket.channel?.displayName ?? "", "status": t.status(ticket.status),
            "sla": t.sla(ticket.sla?.state), "left": t.timeLeft(ticket.sla),
            "assignee": who(ticket.assignee_id) ?? t["nobody"], "team": teamName ?? ticket.team_id ?? "",
            "special_care": ticket.special_care == true, "story": story, "messages": messages,
            "gestures": gestures, "active": active, "escalate": active && ticket.special_care != true,
            "kinds": gestureKinds, "take": active && ticket.assignee_id != agent,
        ]
        if let handles {
            let formValue = { (kind: Channel?) in TicketRoutes.handleKinds.first { $0.channel == kind }?.value ?? "" }
            values["handles"] = handles.map { handle -> [String: Any] in
                [
                    "kind": handle.kind?.displayName ?? "", "kind_value": formValue(handle.kind),
                    "handle": handle.handle ?? "", "split": handles.count > 1,
                ]
            }
            values["customer_forms"] = true
            values["handle_kinds"] = TicketRoutes.handleKinds.map {
                ["value": $0.value, "label": $0.channel.displayName]
            }
        }
        if let order = ticket.order_reference { values["order"] = order }
        if let reason = ticket.escalation_reason { values["escalation_reason"] = reason }
        if let budget, let remaining = budget.remaining {
            values["budget"] = t.format(
                "budget_left",
                [
                    "remaining": context.language.money(remaining),
                    "monthly": budget.monthly_budget.map(context.language.money) ?? "",
                ])
            values["currency"] = remaining.currency.code
        } else {
            values["budget"] = t["budget_unknown"]
            values["currency"] = Currency.eur.code
        }
        if let contacts {
            values["contacts"] = contacts.map { other in
                [
                    "href": other.href, "subject": other.subject ?? other.ticket_id ?? "",
                    "status": t.status(other.status), "channel": other.channel?.displayName ?? "",
                    "when": when(other.created_at_ms),
                ]
            }
            values["no_contacts"] = contacts.isEmpty
        } else {
            values["contacts_unavailable"] = true
        }
        return values
    }

    /// "you" for the agent, else the id; nil for nobody.
    private func who(_ id: String?) -> String? {
        guard let id, !id.isEmpty else { return nil }
        return id == agent ? t["you"] : id
    }

    private func when(_ ms: Int64?) -> String {
        context.language.dateTime(Date(timeIntervalSince1970: Double(ms ?? 0) / 1000), in: timeZone)
    }

    /// The notes kept apart from the conversation: the story behind the purchase.
    private var story: [[String: Any]] {
        ticket.notes.map {
            var note: [String: Any] = ["text": $0.text ?? "", "when": when($0.created_at_ms)]
            if let author = who($0.author_id) { note["author"] = author }
            return note
        }
    }

    /// The conversation, oldest first; internal notes marked as never seen by the customer.
    private var messages: [[String: Any]] {
        ticket.messages.map { message in
            let kind = message.kind ?? .unspecified
            let label =
                switch kind {
                case .inbound: t["message_inbound"]
                case .publicReply: t["message_reply"]
                case .internalNote: t["message_note"]
                case .unspecified: ""
                }
            var values: [String: Any] = [
                "body": message.body ?? "", "label": label, "internal": kind == .internalNote,
                "author": kind == .inbound ? (ticket.customer?.name ?? "") : (who(message.author_id) ?? ""),
                "when": when(message.sent_at_ms ?? message.created_at_ms),
            ]
            let files = attachments.filter { $0.message_id == message.message_id }
            if !files.isEmpty {
                values["attachments"] = files.map { file -> [String: Any] in
                    [
                        "href": "\(ticket.href)/attachments/\(file.attachment_id ?? "")",
                        "name": file.filename ?? "",
                        "size": ByteCountFormatter.string(
                            fromByteCount: Int64(file.size_bytes ?? 0), countStyle: .file),
                    ]
                }
            }
            if kind == .publicReply, let delivery = deliveries?[message.message_id ?? ""] {
                values["delivery"] = deliveryValues(delivery)
            }
            return values
        }
    }

    /// How a reply's delivery went, in the agent's words; a failed one can be retried.
    private func deliveryValues(_ delivery: Channels.Delivery) -> [String: Any] {
        let reason = delivery.last_error ?? ""
        var values: [String: Any] = ["id": delivery.delivery_id ?? ""]
        switch delivery.state {
        case .sent:
            values["text"] = t.format("delivery_sent", ["when": when(delivery.sent_at_ms)])
        case .failed:
            values["text"] = t.format("delivery_failed", ["reason": reason])
            values["failed"] = true
        case .skipped:
            values["text"] = t.format("delivery_skipped", ["reason": reason])
        default:
            values["text"] = reason.isEmpty ? t["delivery_queued"] : t.format("delivery_retrying", ["reason": reason])
        }
        return values
    }

    private var gestures: [[String: Any]] {
        ticket.gestures.map { gesture in
            var row: [String: Any] = [
                "kind": t["gesture_" + GestureKindName.name(gesture.kind)],
                "amount": gesture.amount.map(context.language.money) ?? "",
                "description": gesture.description ?? "", "by": who(gesture.employee_id) ?? "",
                "granted": gesture.outcome == .granted,
            ]
            if gesture.outcome == .refused { row["waiting"] = t["gesture_waits"] }
            if let lead = who(gesture.approved_by_id) {
                row["approved"] = t.format("gesture_approved_by", ["lead": lead])
            }
            return row
        }
    }

    private var gestureKinds: [[String: Any]] {
        GestureKindName.offered.map {
            ["value": GestureKindName.name($0), "label": t["gesture_" + GestureKindName.name($0)]]
        }
    }
}
