import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// Where tickets live. Handlers hold the rules and talk to this protocol only, so
/// `TicketsSQLStore` serves it on SQLite or PostgreSQL.
protocol TicketsStore: JobLeases {
    /// The store's clock (tests set it).
    var now: Date { get }
    /// Empties the write-ahead log into the database file (after an erasure).
    func truncateJournal() async throws
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any TicketsReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records. With an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any TicketsWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write.
protocol TicketsReading {
    func ticket(_ id: String) throws -> TicketRecord?
    /// The follow-up ticket opened for a survey response.
    func followUp(responseID: String) throws -> TicketRecord?
    /// How many tickets exist on `orderReference`.
    func contactCount(orderReference: String) throws -> UInt32
    /// The customer a handle given on `channel` belongs to.
    func customerID(channel: Channel, handle: String) throws -> String?
    /// The customer's handles, oldest first.
    func handles(customerID: String) throws -> [Tickets.CustomerHandle]
    /// The customer's tickets, newest first.
    func tickets(customerID: String) throws -> [TicketRecord]
    /// Whether any handle or ticket names the customer.
    func customerExists(_ customerID: String) throws -> Bool
    /// When and why the customer was erased; nil when never.
    func erasure(customerID: String) throws -> (atMs: Int64, reason: String)?
    /// Oldest first.
    func messages(ticketID: String) throws -> [Tickets.TicketMessage]
    func notes(ticketID: String) throws -> [Tickets.TicketNote]
    func gestures(ticketID: String) throws -> [Tickets.Gesture]
    func gesture(_ id: String) throws -> Tickets.Gesture?
    /// Gestures on any ticket, oldest first.
    func gestures(matching filter: GestureFilter, offset: Int, limit: Int) throws -> [Tickets.Gesture]
    /// Newest first.
    func tickets(matching filter: TicketFilter, offset: Int, limit: Int) throws -> [TicketRecord]
    /// Tickets whose first-response clock runs: no public reply yet, not resolved
    /// or closed, flagged ON_TRACK or AT_RISK.
    func runningClocks() throws -> [TicketRecord]
    /// Calendars set with SetChannelCalendar (defaults are not stored).
    func storedCalendars() throws -> [Tickets.ChannelCalendar]
    /// Targets set with SetResponseTarget.
    func storedTargets() throws -> [Tickets.ResponseTarget]
}

/// Changes, inside a write; every one goes with an event (`record`).
protocol TicketsWriting: TicketsReading {
    /// When the write happens, in Unix milliseconds.
    var nowMs: Int64 { get }
    /// Inserts or replaces the ticket.
    func save(_ record: TicketRecord) throws
    /// Gives the customer the handle a contact came from, unless it is someone's.
    func saveCustomer(id: String, channel: Channel, handle: String) throws
    /// Makes `key` the customer's (moving it from anyone else's).
    func setHandle(_ key: HandleKey, customerID: String, addedByID: String?) throws
    /// Deletes the customer's handles, blanks their handles in `customer.handle_added`
    /// events and records the erasure.
    func eraseCustomer(_ customerID: String, reason: String) throws
    /// Blanks the bodies of a ticket's messages, the texts of its notes and the texts
    /// its recorded events carry (order reference, reasons, the customer's name and handle).
    func eraseConversation(ticketID: String) throws
    /// Deletes remembered replies that mention any of `ids` (see `StoreAccess.forgetReplies`).
    func forgetReplies(mentioning ids: [String]) throws
    func add(_ message: Tickets.TicketMessage, ticketID: String) throws
    func add(_ note: Tickets.TicketNote, ticketID: String) throws
    /// Inserts or replaces the gesture.
    func save(_ gesture: Tickets.Gesture) throws
    func addHandleTime(ticketID: String, employeeID: String?, durationMs: Int64, startedAtMs: Int64?) throws
    func save(_ calendar: Tickets.ChannelCalendar) throws
    func save(_ target: Tickets.ResponseTarget) throws
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}

/// ListTickets' filters, checked.
struct TicketFilter: Sendable {
    var statuses: [Tickets.TicketStatus] = []
    var channels: [Channel] = []
    var assigneeID: String?
    var teamID: String?
    var country: String?
    var breached: Bool?
    var specialCare: Bool?
    var customerID: String?
    var orderReference: String?
    var text: String?
    var createdFromMs: Int64?
    var createdToMs: Int64?
    var slaStates: [Tickets.SlaState] = []
    var productCategory: String?
}

/// ListGestures' filters, checked.
struct GestureFilter: Sendable {
    var outcome: Tickets.GestureOutcome?
    var teamID: String?
    var employeeID: String?
    var ticketID: String?
}
