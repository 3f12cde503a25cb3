import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension TicketsService {
    /// ImportTicket: a contact handled in another tool, with its own times, so that
    /// figures start with history. Idempotent by `external_id` (the ledger keeps the
    /// first reply); the resolution is marked imported, so no survey goes out.
    func importTicket(_ request: Tickets.ImportTicketRequest, _ context: CallContext) async throws
        -> Tickets.ImportTicketReply
    {
        let externalID = try Fields.text(request.external_id, "external_id", maxLength: 128)
        let times = try ImportedTimes(request, nowMs: store.now.unixMilliseconds)
        let customer = try Fields.required(request.customer, "customer").checked(field: "customer")
        let category = try ProductCategory(
            try Fields.required(request.product_category, "product_category"), field: "product_category"
        ).slug
        let assigneeID = try optionalID(request.assignee_id, "assignee_id")
        let teamID = try Fields.optionalText(request.team_id, "team_id", maxLength: 64)
        let owner = try await assigneeID.asyncMap {
            try await staff.employee($0, field: "assignee_id", includingLeft: true)
        }
        if let teamID { _ = try await staff.team(teamID, field: "team_id") }
        var new = NewTicket(
            customer: customer, channel: try Fields.required(request.channel, "channel"), productCategory: category,
            orderReference: try Fields.optionalText(request.order_reference, "order_reference", maxLength: 64),
            subject: try Fields.optionalText(request.subject, "subject") ?? "Imported contact",
            receivedAtMs: times.receivedAtMs, createdAtMs: times.receivedAtMs)
        (new.assigneeID, new.teamID, new.employerID) = (assigneeID, teamID ?? owner?.team_id, owner?.employer_id)
        let (draft, firstContact) = (new, request.first_contact_resolution)
        return try await store.write(method: "ImportTicket", idempotencyKey: "import:\(externalID)") { tx in
            let hours = try ServiceHours(reading: tx)
            var record = try insert(draft, in: tx, hours: hours)
            if let answeredAt = times.firstResponseAtMs, record.clock.isRunning {
                let reply = Tickets.TicketMessage(
                    kind: .publicReply, author_id: draft.assigneeID, sent_at_ms: answeredAt)
                try firstResponse(&record, message: reply, hours: hours, in: tx)
                record.ticket.status = .open
            }
            if let resolvedAt = times.resolvedAtMs {
                record.ticket.status = .resolved
                record.ticket.resolved_at_ms = resolvedAt
                var event = record.resolvedEvent(by: nil, employer: draft.employerID, atMs: resolvedAt)
                event.first_contact_resolution = firstContact ?? (times.firstResponseAtMs != nil)
                event.imported = true
                try tx.record("ticket.resolved", subject: record.id, event)
            }
            record.ticket.updated_at_ms = times.resolvedAtMs ?? times.firstResponseAtMs ?? times.receivedAtMs
            try tx.save(record)
            return Tickets.ImportTicketReply(ticket: try view(record, hours: hours, nowMs: tx.nowMs, details: tx))
        }
    }
}

/// An imported ticket's times, checked: received in the past, answered and
/// resolved in order and not in the future.
struct ImportedTimes {
    let receivedAtMs: Int64
    let firstResponseAtMs: Int64?
    let resolvedAtMs: Int64?

    /// - Throws: INVALID_ARGUMENT naming the time that is missing, in the future or
    ///   out of order.
    init(_ request: Tickets.ImportTicketRequest, nowMs: Int64) throws {
        let received = try Fields.required(request.received_at_ms, "received_at_ms")
        func check(_ value: Int64?, _ field: String, notBefore earliest: Int64, _ what: String) throws -> Int64? {
            guard let value else { return nil }
            guard value > 0, value <= nowMs else {
                throw RPCError.invalidArgument(field: field, "must be a past Unix time in milliseconds, got \(value)")
            }
            guard value >= earliest else { throw RPCError.invalidArgument(field: field, "must not be before \(what)") }
            return value
        }
        receivedAtMs = try check(received, "received_at_ms", notBefore: 1, "1970") ?? received
        firstResponseAtMs = try check(
            request.first_response_at_ms, "first_response_at_ms", notBefore: received, "received_at_ms")
        resolvedAtMs = try check(
            request.resolved_at_ms, "resolved_at_ms", notBefore: firstResponseAtMs ?? received,
            firstResponseAtMs == nil ? "received_at_ms" : "first_response_at_ms")
    }
}
