import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// OpenFollowUp: feedback asks for a Special Care follow-up of a detractor's
    /// answer. One per response id: a retry (with any idempotency key) returns the
    /// existing ticket with `created = false`. Takes what feedback knows: missing
    /// contact details come from the original or the customer's latest ticket, the
    /// channel from the handle's shape, the category defaults to "unspecified".
    func openFollowUp(_ request: Tickets.OpenFollowUpRequest, _ context: CallContext) async throws
        -> Tickets.OpenFollowUpReply
    {
        let responseID = try ResponseID(try Fields.required(request.response_id, "response_id")).rawValue
        if let reply = try await existingFollowUp(responseID) { return reply }
        if let score = request.score, !(0...10).contains(score) {
            throw RPCError.invalidArgument(field: "score", "must be 0..10, got \(score)")
        }
        let comment = try Fields.optionalText(request.comment, "comment", maxLength: 4000)
        let originalID = try Fields.optionalText(request.ticket_id, "ticket_id", maxLength: 64)
        let original = try await originalID.asyncMap { id in try await store.read { try existing(id, in: $0) } }
        let known = try await knownContact(original: original, customerID: request.customer?.customer_id)
        var customer = known?.ticket.customer ?? Tickets.Customer()
        if let given = request.customer {
            if given.customer_id != nil { customer.customer_id = given.customer_id }
            if given.name != nil { customer.name = given.name }
            if given.handle != nil { customer.handle = given.handle }
            if given.country != nil { customer.country = given.country }
            if given.language != nil { customer.language = given.language }
        }
        let given = request.channel == .inStore ? nil : request.channel
        let channel = given ?? known?.channel ?? Channel(reaching: customer.handle) ?? request.channel
        let category = request.product_category ?? original?.ticket.product_category ?? Self.unspecifiedCategory
        let scoreText = request.score.map { " (score \($0))" } ?? ""
        let origin = Tickets.FollowUpOrigin(
            response_id: responseID, original_ticket_id: original?.id, score: request.score, comment: comment)
        let team = try await staff.specialCareTeam()
        // Special Care's from its creation, so every per-team figure counts it there.
        let new = NewTicket(
            customer: try customer.checked(field: "customer"),
            channel: try Fields.required(channel, "channel"),
            productCategory: try ProductCategory(category, field: "product_category").slug,
            orderReference: original?.ticket.order_reference, subject: "Detractor follow-up\(scoreText)",
            priority: .high, teamID: team.team_id, followUp: origin)
        return try await store.write(method: "OpenFollowUp", idempotencyKey: context.idempotencyKey) { tx in
            let hours = try ServiceHours(reading: tx)
            if let earlier = try tx.followUp(responseID: responseID) {
                return Tickets.OpenFollowUpReply(
                    ticket: try view(earlier, hours: hours, nowMs: tx.nowMs), created: false)
            }
            var record = try insert(new, in: tx, hours: hours)
            try tx.record(
                "ticket.follow_up_opened", subject: record.id,
                Tickets.TicketFollowUpOpened(
                    ticket_id: record.id, response_id: responseID, original_ticket_id: original?.id,
                    customer_id: record.ticket.customer?.customer_id, score: request.score, team_id: team.team_id,
                    opened_at_ms: tx.nowMs))
            try escalate(
                &record, to: team, trigger: .detractorFollowUp,
                reason: "detractor answer\(scoreText) on survey response \(responseID)", by: nil, in: tx)
            try tx.save(record)
            return Tickets.OpenFollowUpReply(
                ticket: try view(record, hours: hours, nowMs: tx.nowMs, details: tx), created: true)
        }
    }

    /// The product category of a follow-up that knows none (an answer about a store
    /// visit or a delivery without one).
    static let unspecifiedCategory = "unspecified"

    /// The ticket that tells how to reach the customer: the original one, else the
    /// customer's latest ticket.
    private func knownContact(original: TicketRecord?, customerID: String?) async throws -> TicketRecord? {
        if let original { return original }
        guard let customerID, !customerID.isEmpty else { return nil }
        return try await store.read { reading in
            try reading.tickets(matching: TicketFilter(customerID: customerID), offset: 0, limit: 1).first
        }
    }

    private func existingFollowUp(_ responseID: String) async throws -> Tickets.OpenFollowUpReply? {
        let nowMs = store.now.unixMilliseconds
        return try await store.read { reading in
            guard let record = try reading.followUp(responseID: responseID) else { return nil }
            let hours = try ServiceHours(reading: reading)
            return Tickets.OpenFollowUpReply(ticket: try view(record, hours: hours, nowMs: nowMs), created: false)
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
