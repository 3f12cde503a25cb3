import Bus
import Contract
import Domain
import Foundation
import ServiceKit

/// The tickets handlers and what they share: the store, staff over the bus, settings.
/// One extension per area lives in Handlers/.
struct TicketsService: Tickets.Handler {
    let store: any TicketsStore
    let staff: StaffDirectory
    let settings: TicketsSettings

    /// The ticket `id` inside a transaction.
    /// - Throws: INVALID_ARGUMENT when `id` is unset; NOT_FOUND when unknown.
    func existing(_ id: String?, in reading: any TicketsReading, field: String = "ticket_id") throws -> TicketRecord {
        let id = try Fields.text(id, field, maxLength: 64)
        guard let record = try reading.ticket(id) else { throw RPCError.notFound("ticket", id) }
        return record
    }

    /// Loads the ticket, lets `change` apply a rule to it inside one transaction,
    /// saves it (with `updated_at_ms`) and returns the contract view.
    func update(
        _ method: String, ticketID: String?, idempotencyKey: String? = nil,
        _ change: @escaping @Sendable (inout TicketRecord, any TicketsWriting, ServiceHours) throws -> Void
    ) async throws -> Tickets.Ticket {
        try await store.write(method: method, idempotencyKey: idempotencyKey) { tx in
            var record = try existing(ticketID, in: tx)
            let hours = try ServiceHours(reading: tx)
            try change(&record, tx, hours)
            record.ticket.updated_at_ms = tx.nowMs
            try tx.save(record)
            return Tickets.GetTicketReply(ticket: try view(record, hours: hours, nowMs: tx.nowMs))
        }.ticket ?? Tickets.Ticket()
    }

    /// The contract view of `record`: its SLA now and, with `details`, its messages,
    /// notes and gestures.
    func view(_ record: TicketRecord, hours: ServiceHours, nowMs: Int64, details: (any TicketsReading)? = nil) throws
        -> Tickets.Ticket
    {
        var ticket = record.ticket
        let calendar = hours.hours(record.channel ?? .email, record.country ?? "")
        let stopped = record.status.isActive ? nil : (ticket.resolved_at_ms ?? ticket.closed_at_ms)
        ticket.sla = record.clock.status(
            ticketID: record.id, hours: calendar, now: Date(unixMilliseconds: nowMs), stoppedAtMs: stopped)
        if let details {
            ticket.messages = try details.messages(ticketID: record.id)
            ticket.notes = try details.notes(ticketID: record.id)
            ticket.gestures = try details.gestures(ticketID: record.id)
        }
        return ticket
    }

    /// An optional employee id from a request, checked for form only.
    func optionalID(_ value: String?, _ field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try EmployeeID(value, field: field).rawValue
    }
}
