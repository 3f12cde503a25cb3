import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// Where channels keeps what it received and what it must send: reads and writes of
/// stored records, no rules. Every change records its events in the same
/// transaction. Implementations throw `StoreError`, never `RPCError`, and name no SQL
/// or SQL type; `ChannelsSQLStore` keeps them in SQLite or PostgreSQL.
protocol ChannelsStore: JobLeases {
    /// The store's clock in Unix milliseconds (tests move it).
    var nowMs: Int64 { get }
    /// Empties the write-ahead log into the database file (after an erasure).
    func truncateJournal() async throws
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any ChannelsReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records. With an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any ChannelsWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write.
protocol ChannelsReading {
    /// The ticket message an inbound message became, by the channel's id of it.
    func inbound(channel: Channel, externalID: String) throws -> ReceivedMessage?
    /// The ticket a conversation on `channel` joins.
    func conversationTicket(channel: Channel, key: String) throws -> String?
    /// The latest conversation on `channel` that joined the ticket.
    func conversationKey(ticketID: String, channel: Channel) throws -> String?
    /// The delivery the channel knows by `externalID` (its message id).
    func delivery(externalID: String) throws -> Channels.Delivery?
    /// The ticket of the first of these Message-IDs (without angle brackets) known.
    func ticket(mailReferences: [String]) throws -> String?
    /// The Message-IDs of a ticket's mails, in and out, oldest first.
    func mailReferences(ticketID: String) throws -> [String]
    /// The latest Message-ID the customer sent on the ticket.
    func lastInboundMailReference(ticketID: String) throws -> String?
    func delivery(id: String) throws -> Channels.Delivery?
    /// Oldest first.
    func deliveries(ticketID: String?, states: [Channels.DeliveryState], offset: Int, limit: Int) throws
        -> [Channels.Delivery]
    /// QUEUED deliveries due at or before `nowMs`, the earliest first.
    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [Channels.Delivery]
    /// The last applied event sequence per followed service.
    func positions() throws -> [String: UInt64]
    /// Where reading a mailbox stopped.
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor?
    /// A ticket's attachments (without their bytes), oldest first.
    func attachments(ticketID: String) throws -> [Channels.Attachment]
    /// The conversations (a mail thread, a chat, a Messenger or WhatsApp contact) that lead to the ticket.
    func conversations(ticketID: String) throws -> [Channels.Conversation]
    /// An attachment with its bytes.
    func attachment(id: String) throws -> (Channels.Attachment, Data)?
    /// A number the service keeps (e.g. when it first followed the others' events).
    func setting(_ name: String) throws -> Int64?
}

/// Changes, inside a write.
protocol ChannelsWriting: ChannelsReading {
    /// When the write happens, in Unix milliseconds.
    var nowMs: Int64 { get }
    func insert(_ received: ReceivedMessage, channel: Channel, externalID: String) throws
    func setConversation(channel: Channel, key: String, ticketID: String) throws
    /// Remembers a mail's Message-ID (without angle brackets) for threading.
    func addMailReference(_ id: String, ticketID: String, outbound: Bool) throws
    /// False when a delivery with its id exists (it is left as it is).
    func insert(_ delivery: Channels.Delivery) throws -> Bool
    func save(_ delivery: Channels.Delivery) throws
    func setPosition(_ sequence: UInt64, service: String) throws
    func setMailboxCursor(_ cursor: MailboxCursor, mailbox: String) throws
    func setSetting(_ name: String, _ value: Int64) throws
    func insert(_ attachment: Channels.Attachment, data: Data) throws
    /// Forgets what identifies the ticket's customer: conversations, mail references,
    /// received message ids and attachments deleted, deliveries' recipients blanked.
    func erase(ticketID: String) throws
    /// Deletes remembered replies that mention any of `ids` (see `StoreAccess.forgetReplies`).
    func forgetReplies(mentioning ids: [String]) throws
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}

/// The ticket message an inbound message became.
struct ReceivedMessage: Sendable, Equatable {
    var ticketID: String
    var messageID: String
}

/// How far a mailbox has been read: its UIDVALIDITY and the last UID taken.
struct MailboxCursor: Sendable, Equatable {
    var uidValidity: UInt32
    var lastUID: UInt32
}
