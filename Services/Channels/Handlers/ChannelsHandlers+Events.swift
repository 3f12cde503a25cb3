import Bus
import Contract
import Domain
import Logging
import ServiceKit

extension ChannelsHandlers {
    /// The setting that holds when channels first followed the others' events:
    /// replies written before it (a platform that had no channels yet) are history,
    /// not something to send now.
    static var followingSince: String { "following-since-ms" }

    /// Remembers the first start, once; returns it (what `apply` takes as `since`).
    @discardableResult
    func startFollowing() async throws -> Int64 {
        _ = try await store.write(method: "StartFollowing", idempotencyKey: nil) { tx in
            if try tx.setting(Self.followingSince) == nil { try tx.setSetting(Self.followingSince, tx.nowMs) }
            return Channels.ReceiveMessageReply()
        }
        return try await store.read { try $0.setting(Self.followingSince) } ?? 0
    }

    /// The last applied sequence per followed service, for `EventFeed`.
    func positions() async throws -> [String: UInt64] {
        try await store.read { try $0.positions() }
    }

    /// Applies one event of tickets or feedback in one transaction with its new
    /// position (replies sent before `since`, channels' first start, are history); an event at or before the stored position changes nothing.
    /// - `ticket.message_added`, a public reply on a channel channels sends on:
    ///   a reply delivery, due now.
    /// - `invitation.created`: a survey delivery, due at the invitation's send time.
    /// - `customer.erased`: forgets what identified the customer on their tickets.
    /// A payload that does not decode is logged and skipped, so it cannot stop the feed.
    ///
    /// Most events ask for nothing: for those the position is stored only with the
    /// next event that does, or every `positionEvery` events, so a catch-up over a
    /// long history costs few commits; after a restart the feed replays those few,
    /// which again change nothing.
    func apply(_ event: Event, since: Int64) async throws {
        let delivery = try Self.delivery(for: event, since: since, nowMs: store.nowMs)
        let erased = Self.erasedTickets(event)
        guard delivery != nil || !erased.isEmpty || event.sequence % Self.positionEvery == 0 else { return }
        _ = try await store.write(method: "ApplyEvent", idempotencyKey: nil) { tx in
            let position = try tx.positions()[event.service] ?? 0
            guard event.sequence > position else { return Channels.ReceiveMessageReply() }
            try tx.setPosition(event.sequence, service: event.service)
            if let delivery { _ = try tx.insert(delivery) }
            for ticketID in erased { try tx.erase(ticketID: ticketID) }
            if !erased.isEmpty { try tx.forgetReplies(mentioning: erased) }
            return Channels.ReceiveMessageReply()
        }
        if !erased.isEmpty { try await store.truncateJournal() }
    }

    /// The tickets of a customer erased (tickets' `customer.erased`), whose
    /// conversations, mail references, attachments and recipients channels forgets.
    static func erasedTickets(_ event: Event) -> [String] {
        guard event.service == Tickets.service, event.type == "customer.erased" else { return [] }
        guard let erased = try? Tickets.CustomerErased(wireBytes: event.payload) else {
            _ = skipUndecodable(event)
            return []
        }
        return erased.ticket_ids
    }

    /// How often a position is stored when no event asks for anything.
    static var positionEvery: UInt64 { 256 }

    /// The delivery `event` asks for, if any.
    static func delivery(for event: Event, since: Int64, nowMs: Int64) throws -> Channels.Delivery? {
        switch (event.service, event.type) {
        case (Tickets.service, "ticket.message_added"):
            guard let added = try? Tickets.TicketMessageAdded(wireBytes: event.payload) else {
                return skipUndecodable(event)
            }
            guard added.kind == .publicReply, let channel = added.channel, Self.sendsReplies(on: channel),
                let messageID = added.message_id, (added.sent_at_ms ?? event.occurred_at_ms) >= since
            else { return nil }
            return Channels.Delivery(
                delivery_id: messageID, kind: .reply, ticket_id: added.ticket_id ?? event.subject_id,
                message_id: messageID, channel: channel, state: .queued, attempts: 0, queued_at_ms: nowMs,
                due_at_ms: nowMs)
        case (Feedback.service, "invitation.created"):
            guard let created = try? Feedback.InvitationCreated(wireBytes: event.payload) else {
                return skipUndecodable(event)
            }
            guard let invitationID = created.invitation_id else { return nil }
            return Channels.Delivery(
                delivery_id: "survey-\(invitationID)", kind: .survey, ticket_id: created.attribution?.ticket_id,
                invitation_id: invitationID, channel: created.attribution?.channel, state: .queued, attempts: 0,
                queued_at_ms: nowMs, due_at_ms: max(created.send_at_ms ?? nowMs, nowMs))
        default:
            return nil
        }
    }

    /// Whether a public reply on `channel` leaves through channels: e-mail and the
    /// contact form (answered by e-mail), Messenger, WhatsApp. A live chat's replies
    /// reach the customer in the open chat; a phone or in-store reply was spoken.
    static func sendsReplies(on channel: Channel) -> Bool {
        [.email, .webForm, .facebookMessenger, .whatsApp].contains(channel)
    }

    private static func skipUndecodable(_ event: Event) -> Channels.Delivery? {
        Logger(label: "channels").error(
            "undecodable event skipped", metadata: ["type": "\(event.type)", "sequence": "\(event.sequence)"])
        return nil
    }
}
