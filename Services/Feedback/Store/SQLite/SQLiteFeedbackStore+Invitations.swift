import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: InvitationStore {
    func createInvitation(_ draft: InvitationDraft, idempotencyKey: String?) async throws -> Feedback.Invitation {
        let settings = settings
        return try await write("CreateInvitation", idempotencyKey: idempotencyKey) { change in
            Feedback.CreateInvitationReply(
                invitation: try Self.insertInvitation(draft, settings: settings, in: &change))
        }.invitation.stored("invitation")
    }

    /// Inserts the invitation, SCHEDULED with a fresh token, or SUPPRESSED without
    /// one when the customer was surveyed within the frequency cap; records
    /// `invitation.created` or `invitation.suppressed`.
    static func insertInvitation(_ draft: InvitationDraft, settings: FeedbackSettings, in change: inout Change) throws
        -> Feedback.Invitation
    {
        let now = change.nowMs
        let sendAt = (draft.contactAtMs ?? now) + (draft.delayMs ?? settings.surveyDelayMs)
        var invitation = Feedback.Invitation(
            invitation_id: Tokens.id("inv"), status: .scheduled, source: draft.source, attribution: draft.attribution,
            customer_id: draft.customerID, customer_name: draft.customerName, customer_handle: draft.customerHandle,
            language: draft.language, created_at_ms: now, send_at_ms: sendAt,
            expires_at_ms: sendAt + (draft.validForMs ?? settings.surveyValidMs))
        if let customer = draft.customerID,
            let last = try Int64.fetchOne(
                change.db,
                sql:
                    "SELECT MAX(send_at_ms) FROM invitation WHERE customer_id = ? AND stored_status != ? AND send_at_ms > ?",
                arguments: [customer, Feedback.InvitationStatus.suppressed.rawValue, sendAt - settings.frequencyCapMs])
        {
            invitation.status = .suppressed
            let days = settings.frequencyCapMs / FeedbackSettings.day
            invitation.suppressed_reason =
                "surveyed \(ISO8601DateFormatter().string(from: Date(unixMilliseconds: last)).prefix(10)), cap \(days) days"
        } else {
            invitation.token = Tokens.surveyToken()
        }
        try change.db.execute(
            sql: """
                INSERT INTO invitation (invitation_id, token, stored_status, customer_id, ticket_id, created_at_ms,
                    send_at_ms, expires_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                invitation.invitation_id, invitation.token, invitation.status?.rawValue, draft.customerID,
                draft.attribution.ticket_id, now, sendAt, invitation.expires_at_ms, try invitation.blob(),
            ])
        let id = try invitation.invitation_id.stored("invitation_id")
        if invitation.status == .suppressed {
            try change.record(
                "invitation.suppressed", subject: id,
                Feedback.InvitationSuppressed(
                    invitation_id: id, source: draft.source, attribution: draft.attribution,
                    customer_id: draft.customerID, reason: invitation.suppressed_reason))
        } else {
            try change.record(
                "invitation.created", subject: id,
                Feedback.InvitationCreated(
                    invitation_id: id, source: draft.source, attribution: draft.attribution,
                    customer_id: draft.customerID, send_at_ms: sendAt, expires_at_ms: invitation.expires_at_ms))
        }
        return Self.asOf(now, invitation)
    }

    func invitation(token: String) async throws -> Feedback.Invitation {
        let now = nowMs
        return try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT body FROM invitation WHERE token = ?", arguments: [token])
            else { throw StoreError.absent("no survey for this link") }
            return try Self.invitation(row, now: now)
        }
    }

    func invitation(id: String) async throws -> Feedback.Invitation {
        let now = nowMs
        return try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT body FROM invitation WHERE invitation_id = ?", arguments: [id])
            else { throw StoreError.notFound("invitation", id) }
            return try Self.invitation(row, now: now)
        }
    }

    func invitations(_ request: Feedback.ListInvitationsRequest, page: Page) async throws
        -> Feedback.ListInvitationsReply
    {
        let now = nowMs
        return try await read { db in
            var filter = Filter()
            filter.equal("ticket_id", request.ticket_id)
            filter.equal("customer_id", request.customer_id)
            filter.window("created_at_ms", request.created?.bounds)
            if !request.statuses.isEmpty {
                filter.add(
                    Self.statusSQL + " IN (\(request.statuses.map { _ in "?" }.joined(separator: ", ")))",
                    list: [now, now] + request.statuses.map { Int64($0.rawValue) })
            }
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT body FROM invitation \(filter.sql) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListInvitationsReply(
                invitations: try kept.map { try Self.invitation($0, now: now) }, next_page_token: next)
        }
    }

    /// The status as of `now`: ANSWERED and SUPPRESSED are stored; the rest follows
    /// from the clock (SCHEDULED before send_at, OPEN until expires_at, then EXPIRED).
    static let statusSQL = """
        (CASE WHEN stored_status IN (3, 5) THEN stored_status WHEN ? >= expires_at_ms THEN 4 \
        WHEN ? >= send_at_ms THEN 2 ELSE 1 END)
        """

    static func invitation(_ row: Row, now: Int64) throws -> Feedback.Invitation {
        asOf(now, try Feedback.Invitation(row: row))
    }

    /// `invitation` with its status as of `now` (see `statusSQL`).
    static func asOf(_ now: Int64, _ invitation: Feedback.Invitation) -> Feedback.Invitation {
        var invitation = invitation
        if invitation.status == .scheduled, let sendAt = invitation.send_at_ms, let expiresAt = invitation.expires_at_ms
        {
            invitation.status = now >= expiresAt ? .expired : now >= sendAt ? .open : .scheduled
        }
        return invitation
    }
}
