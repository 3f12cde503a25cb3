import Bus
import Contract
import Domain
import Foundation
import Hummingbird

/// `GET /tickets/{id}`: a ticket for the signed-in agent: the conversation (public
/// replies and internal notes marked), the story behind the purchase, the
/// customer's other contacts, gestures, and forms to reply, add an internal note,
/// grant a goodwill gesture (the agent's remaining budget shown), escalate to
/// Special Care and resolve. Each public reply shows how its delivery to the
/// customer went (queued, sent, not sent or failed with the reason, and a retry). The forms post to `TicketRoutes+Actions` and come
/// back here with what was done or the service's refusal.
struct TicketRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    /// How long the page waits for channels' delivery states (a local read there);
    /// without channels (a stack that runs none) the page shows the replies without.
    static let deliveriesBudget = Duration.milliseconds(400)

    /// The CSRF purpose of the ticket forms, bound to the session.
    static let csrfPurpose = "ticket"

    func register(on router: Router<WebRequestContext>) {
        router.get("/tickets/:id") { request, context in
            try await ticket(request, id: context.parameters.get("id") ?? "")
        }
        router.get("/tickets/:id/attachments/:attachment") { request, context in
            try await attachment(request, id: context.parameters.get("attachment") ?? "")
        }
        router.get("/tickets/:id/events") { request, context in
            try await events(request, id: context.parameters.get("id") ?? "")
        }
        registerActions(on: router)
    }

    private func ticket(_ request: Request, id: String) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        let context = PageContext(request)
        let session = settings.sessions.session(request)
        let nonce = session?.nonce ?? ""
        let flash = Flash.read(request, key: settings.key, nonce: nonce)
        let ticket: Tickets.Ticket
        do {
            guard let found = try await calls.call(Tickets.getTicket, .init(ticket_id: id)).ticket else {
                throw RPCError(.notFound, "ticket \(id) not found")
            }
            ticket = found
        } catch let error as RPCError {
            let status: HTTPResponse.Status =
                switch error.code {
                case .notFound, .invalidArgument: .notFound
                case .permissionDenied: .forbidden
                default: .serviceUnavailable
                }
            return HTML.message(
                title: context.t["ticket_title"], paragraphs: [WorkspaceRefusal.text(error, context.t)],
                link: ("/inbox", context.t["back_to_inbox"]), context: context, status: status)
        }
        async let budget = calls.call(Staff.getBudget, .init(employee_id: calls.agent)).budget
        async let contacts = otherContacts(of: ticket, calls: calls)
        async let team = calls.call(Staff.getTeam, .init(team_id: ticket.team_id)).team?.name
        async let attachments = calls.call(
            Channels.listAttachments, .init(ticket_id: id), budget: Self.deliveriesBudget
        ).attachments
        async let handles = calls.call(
            Tickets.getCustomer, .init(customer_id: ticket.customer?.customer_id)
        ).handles
        async let deliveries = calls.call(
            Channels.listDeliveries, .init(ticket_id: id, page_size: 500), budget: Self.deliveriesBudget
        ).deliveries
        var page = TicketPage(
            ticket: ticket, agent: calls.agent, context: context, timeZone: settings.timeZone)
        page.budget = try? await budget
        page.contacts = await contacts
        page.teamName = ticket.team_id == nil ? nil : try? await team
        page.attachments = (try? await attachments) ?? []
        page.handles = ticket.customer?.customer_id == nil ? nil : try? await handles
        page.deliveries = (try? await deliveries).map {
            Dictionary($0.map { ($0.message_id ?? "", $0) }) { _, last in last }
        }
        var values = page.values
        values["csrf"] = settings.sessions.csrf(Self.csrfPurpose, nonce: nonce)
        values["once"] = randomToken()
        values["live"] = ticket.href + "/events"
        if let flash { values[flash.kind == .alert ? "alert" : "notice"] = flash.text }
        let response = HTML.page(
            "ticket", values, title: ticket.subject ?? context.t["ticket_title"], context: context)
        return flash == nil ? response : response.setting(Flash.cleared(secure: settings.secureCookies))
    }

    /// `GET /tickets/{id}/events`: one `changed` event once the ticket changes
    /// (a message, a note, a gesture, its status or its first-response state).
    private func events(_ request: Request, id: String) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        return LiveChanges.stream(every: settings.liveEvery, lasting: settings.liveFor) {
            let ticket = try await calls.call(Tickets.getTicket, .init(ticket_id: id)).ticket
            return [
                "\(ticket?.updated_at_ms ?? 0)", "\(ticket?.status?.rawValue ?? 0)",
                "\(ticket?.sla?.state?.rawValue ?? 0)", "\(ticket?.messages.count ?? 0)",
                "\(ticket?.notes.count ?? 0)", "\(ticket?.gestures.count ?? 0)",
                await deliveryStates(id, calls: calls),
            ].joined(separator: "|")
        }
    }

    /// `GET /tickets/{id}/attachments/{attachment}`: a file a customer sent, for
    /// signed-in employees, always as a download (never shown inline, so a file
    /// cannot run as a page of this site).
    private func attachment(_ request: Request, id: String) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        let reply: Channels.GetAttachmentReply
        do { reply = try await calls.call(Channels.getAttachment, .init(attachment_id: id)) } catch {
            return Response(status: .notFound)
        }
        let name = (reply.attachment?.filename ?? "attachment").filter {
            $0.isLetter || $0.isNumber || ".-_ ".contains($0)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream", .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.data ?? [])))
    }

    /// The states of the ticket's deliveries, so a reply that went out (or failed)
    /// refreshes the page.
    private func deliveryStates(_ id: String, calls: AgentCalls) async -> String {
        let deliveries = try? await calls.call(
            Channels.listDeliveries, .init(ticket_id: id, page_size: 500), budget: Self.deliveriesBudget
        ).deliveries
        return (deliveries ?? []).map { "\($0.state?.rawValue ?? 0)" }.joined()
    }

    /// The customer's other tickets, newest first; nil when tickets cannot list them.
    private func otherContacts(of ticket: Tickets.Ticket, calls: AgentCalls) async -> [Tickets
        .Ticket]?
    {
        guard let customer = ticket.customer?.customer_id else { return [] }
        let listed = try? await calls.call(
            Tickets.listTickets, .init(customer_id: customer, page_size: 20)
        ).tickets
        return listed?.filter { $0.ticket_id != ticket.ticket_id }
    }
}
