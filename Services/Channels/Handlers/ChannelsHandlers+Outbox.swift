import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension ChannelsHandlers {
    /// What `delivery` sends: the agent's reply on the ticket's thread, or the survey
    /// invitation with its link.
    /// - Throws: `DeliverySkip` when there is nothing to send any more; a peer's
    ///   status when tickets or feedback cannot say.
    func outgoing(for delivery: Channels.Delivery) async throws -> OutgoingMessage {
        let id = delivery.delivery_id ?? ""
        let messageID = MailThreading.messageID(deliveryID: id, domain: settings.mailDomain)
        switch delivery.kind {
        case .reply:
            let ticketID = delivery.ticket_id ?? ""
            let ticket = try await desk.ticket(ticketID)
            guard let reply = ticket.messages.first(where: { $0.message_id == delivery.message_id }),
                let body = reply.body
            else { throw DeliverySkip(reason: "the reply is no longer on ticket \(ticketID)") }
            let channel = Self.outlet(for: delivery.channel ?? ticket.channel ?? .email)
            let (inReplyTo, references, conversation) = try await store.read {
                (
                    try $0.lastInboundMailReference(ticketID: ticketID), try $0.mailReferences(ticketID: ticketID),
                    try $0.conversationKey(ticketID: ticketID, channel: channel)
                )
            }
            return OutgoingMessage(
                channel: channel, recipient: ticket.customer?.handle ?? "", recipientName: ticket.customer?.name,
                conversation: conversation,
                subject: MailThreading.replySubject(ticketSubject: ticket.subject ?? "", ticketID: ticketID),
                body: body, language: ticket.customer?.language, messageID: messageID, inReplyTo: inReplyTo,
                references: Array(references.suffix(20)))
        case .survey:
            let invitation = try await desk.invitation(delivery.invitation_id ?? "")
            guard invitation.status == .open, let token = invitation.token, let handle = invitation.customer_handle
            else {
                throw DeliverySkip(reason: "the survey is \(Self.describe(invitation)) and was not sent")
            }
            var about: String?
            if let ticketID = invitation.attribution?.ticket_id {
                about = try? await desk.ticket(ticketID).subject
            }
            let link = "\(settings.surveyBaseURL)/s/\(token)"
            let text = SurveyMessage(
                language: invitation.language, customerName: invitation.customer_name, company: settings.company,
                about: about, surveyURL: link, optOutURL: "\(link)/opt-out")
            let channel = invitation.attribution?.channel ?? .email
            return OutgoingMessage(
                channel: Self.outlet(for: (try? Validation.email(handle, field: "handle")) != nil ? .email : channel),
                recipient: handle, recipientName: invitation.customer_name, subject: text.subject, body: text.body,
                language: invitation.language, messageID: messageID, automatic: true,
                unsubscribeURL: "\(link)/opt-out")
        default:
            throw DeliverySkip(reason: "unknown delivery kind")
        }
    }

    /// The outlet a channel's messages leave by: a contact form is answered by e-mail.
    static func outlet(for channel: Channel) -> Channel {
        channel == .webForm ? .email : channel
    }

    private static func describe(_ invitation: Feedback.Invitation) -> String {
        switch invitation.status {
        case .answered: "answered already"
        case .expired: "expired"
        case .suppressed: "suppressed (\(invitation.suppressed_reason ?? "no reason given"))"
        case .scheduled: "not due yet"
        default: "in an unknown state"
        }
    }

    /// Records one attempt: SENT with the channel's id, or QUEUED again after a
    /// passing failure, or FAILED after a final one or the last attempt.
    func recordAttempt(_ attempted: Channels.Delivery, outcome: Result<Sent, DeliveryError>) async throws {
        let retry = settings.retry
        let id = attempted.delivery_id ?? ""
        _ = try await store.write(method: "RecordAttempt", idempotencyKey: nil) { tx in
            guard var delivery = try tx.delivery(id: id), delivery.state == .queued else {
                return Channels.ReceiveMessageReply()
            }
            let attempts = Int(delivery.attempts ?? 0) + 1
            delivery.attempts = UInt32(attempts)
            switch outcome {
            case .success(let sent):
                delivery.state = .sent
                delivery.sent_at_ms = tx.nowMs
                delivery.recipient = sent.message.recipient
                delivery.external_id = sent.externalID
                delivery.last_error = nil
                if sent.message.channel == .email, let ticketID = delivery.ticket_id {
                    try tx.addMailReference(sent.message.messageID, ticketID: ticketID, outbound: true)
                }
                try tx.record(
                    "delivery.sent", subject: id,
                    Channels.DeliverySent(
                        delivery_id: id, kind: delivery.kind, ticket_id: delivery.ticket_id,
                        channel: delivery.channel, attempts: delivery.attempts))
            case .failure(let error):
                delivery.last_error = error.description
                if case .passing = error, attempts < retry.maxAttempts {
                    delivery.due_at_ms = tx.nowMs + retry.pauseMs(afterAttempts: attempts)
                } else {
                    try Self.fail(&delivery, reason: error.description, in: tx)
                }
            }
            try tx.save(delivery)
            return Channels.ReceiveMessageReply()
        }
    }

    /// `delivery` FAILED with `reason` (an agent must act), recorded as
    /// `delivery.failed`; the caller saves it.
    static func fail(_ delivery: inout Channels.Delivery, reason: String, in tx: any ChannelsWriting) throws {
        delivery.state = .failed
        delivery.last_error = reason
        let id = delivery.delivery_id ?? ""
        try tx.record(
            "delivery.failed", subject: id,
            Channels.DeliveryFailed(
                delivery_id: id, kind: delivery.kind, ticket_id: delivery.ticket_id, channel: delivery.channel,
                reason: reason))
    }

    /// Records a delivery not sent on purpose.
    func recordSkipped(_ skipped: Channels.Delivery, reason: String) async throws {
        let id = skipped.delivery_id ?? ""
        _ = try await store.write(method: "RecordSkipped", idempotencyKey: nil) { tx in
            guard var delivery = try tx.delivery(id: id), delivery.state == .queued else {
                return Channels.ReceiveMessageReply()
            }
            delivery.state = .skipped
            delivery.last_error = reason
            try tx.save(delivery)
            return Channels.ReceiveMessageReply()
        }
    }
}
