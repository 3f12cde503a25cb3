import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: ResponseStore {
    /// Records an answer. With a token: the invitation's frozen attribution, refused
    /// when unknown (NOT_FOUND), used (ALREADY_EXISTS), not sent yet or expired
    /// (FAILED_PRECONDITION). A detractor answer also records a PENDING follow-up in
    /// the same transaction, so the closed loop cannot be lost. An imported answer
    /// keeps its own time, and its follow-up is requested at that time.
    func submitResponse(_ draft: ResponseDraft, idempotencyKey: String?) async throws -> Feedback.SurveyResponse {
        let method = draft.answeredAtMs == nil ? "SubmitResponse" : "ImportResponse"
        return try await write(method, idempotencyKey: idempotencyKey) { change in
            let answeredAt = draft.answeredAtMs ?? change.nowMs
            try ResponseRules.checkAnsweredAt(answeredAt, nowMs: change.nowMs)
            var response = Feedback.SurveyResponse(
                response_id: ResponseID.random().rawValue, score: Int32(draft.score.value),
                category: Feedback.NpsCategory(rawValue: draft.score.category.rawValue), comment: draft.comment,
                consent_to_quote: draft.consentToQuote, themes_by_hand: false, attribution: draft.attribution,
                customer_id: draft.customerID, source: draft.source, answered_at_ms: answeredAt)
            var language = draft.language
            var customer = Tickets.Customer(
                customer_id: draft.customerID, name: draft.customerName, handle: draft.customerHandle,
                country: draft.attribution?.country, language: draft.language)
            if let token = draft.token {
                let invitation = try Self.answerableInvitation(token: token, now: change.nowMs, in: change.db)
                response.invitation_id = invitation.invitation_id
                response.attribution = invitation.attribution
                response.customer_id = invitation.customer_id
                response.source = .invitation
                language = invitation.language
                customer = Tickets.Customer(
                    customer_id: invitation.customer_id, name: invitation.customer_name,
                    handle: invitation.customer_handle, country: invitation.attribution?.country, language: language)
            }
            let byRules = try Self.matchingThemes(comment: draft.comment, language: language, in: change.db)
            response.themes = Array(Set(draft.themes + byRules)).sorted()
            try Self.insert(response, language: language, givenThemes: draft.themes, in: change.db)
            if let invitationID = response.invitation_id {
                try Self.markAnswered(invitationID, by: response, in: change.db)
            }
            try change.record(
                "response.submitted", subject: try response.response_id.stored("response_id"),
                Feedback.ResponseSubmitted(response))
            if response.category == .detractor, !draft.followUpDone {
                response.follow_up = try Self.requestFollowUp(
                    for: response, customer: customer, requestedAtMs: answeredAt, in: &change)
            }
            return Feedback.SubmitResponseReply(response: response)
        }.response.stored("response")
    }

    /// The invitation behind `token`, if `ResponseRules` lets it be answered.
    static func answerableInvitation(token: String, now: Int64, in db: Database) throws -> Feedback.Invitation {
        guard let row = try Row.fetchOne(db, sql: "SELECT body FROM invitation WHERE token = ?", arguments: [token])
        else {
            throw StoreError.absent("no survey for this link")
        }
        let invitation = try Self.invitation(row, now: now)
        try ResponseRules.checkAnswerable(invitation)
        return invitation
    }

    /// Stores an answer with its language and the themes its sender gave (kept when
    /// rules are applied again).
    static func insert(
        _ response: Feedback.SurveyResponse, language: String?, givenThemes: [String], in db: Database
    ) throws {
        let attribution = response.attribution ?? Feedback.Attribution()
        try db.execute(
            sql: """
                INSERT INTO response (response_id, invitation_id, score, category, answered_at_ms, channel, country,
                    product_category, agent_id, team_id, ticket_id, comment, consent, themes, body, language,
                    given_themes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                response.response_id, response.invitation_id, response.score, response.category?.rawValue,
                response.answered_at_ms, attribution.channel?.rawValue, attribution.country,
                attribution.product_category, attribution.agent_id, attribution.team_id, attribution.ticket_id,
                response.comment, response.consent_to_quote ?? false, listColumn(response.themes), try response.blob(),
                language, listColumn(givenThemes),
            ])
    }

    static func markAnswered(_ invitationID: String, by response: Feedback.SurveyResponse, in db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT body FROM invitation WHERE invitation_id = ?", arguments: [invitationID])
        else { return }
        var invitation = try Feedback.Invitation(row: row)
        invitation.status = .answered
        invitation.answered_at_ms = response.answered_at_ms
        invitation.response_id = response.response_id
        try db.execute(
            sql: "UPDATE invitation SET stored_status = ?, body = ? WHERE invitation_id = ?",
            arguments: [Feedback.InvitationStatus.answered.rawValue, try invitation.blob(), invitationID])
    }

    func response(id: String) async throws -> Feedback.SurveyResponse {
        try await read { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT body FROM response WHERE response_id = ?", arguments: [id])
            else { throw StoreError.notFound("response", id) }
            return try Self.withFollowUp(try Feedback.SurveyResponse(row: row), in: db)
        }
    }

    static func withFollowUp(_ response: Feedback.SurveyResponse, in db: Database) throws -> Feedback.SurveyResponse {
        var response = response
        if let row = try Row.fetchOne(
            db, sql: "SELECT body FROM follow_up WHERE response_id = ?", arguments: [response.response_id])
        {
            response.follow_up = try Feedback.FollowUp(row: row)
        }
        return response
    }

    func responses(_ request: Feedback.ListResponsesRequest, page: Page) async throws -> Feedback.ListResponsesReply {
        try await read { db in
            var filter = Filter()
            filter.window("answered_at_ms", request.window?.bounds)
            filter.any("category", request.categories.map { $0.rawValue })
            filter.any("channel", request.channels.map { $0.rawValue })
            filter.equal("country", request.country)
            filter.equal("product_category", request.product_category)
            filter.equal("agent_id", request.agent_id)
            filter.equal("team_id", request.team_id)
            filter.equal("ticket_id", request.ticket_id)
            filter.contains("themes", request.theme)
            if let withComment = request.with_comment {
                filter.add(withComment ? "comment IS NOT NULL" : "comment IS NULL")
            }
            if let consent = request.consent_to_quote { filter.add("consent = ?", consent) }
            filter.text(["comment"], request.text)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT body FROM response \(filter.sql) ORDER BY answered_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListResponsesReply(
                responses: try kept.map { try Self.withFollowUp(try Feedback.SurveyResponse(row: $0), in: db) },
                next_page_token: next)
        }
    }
}

extension Feedback.ResponseSubmitted {
    /// What analytics counts: score, category and the full frozen attribution; never the comment.
    init(_ response: Feedback.SurveyResponse) {
        self.init(
            response_id: response.response_id, invitation_id: response.invitation_id, score: response.score,
            category: response.category, attribution: response.attribution, customer_id: response.customer_id,
            source: response.source, answered_at_ms: response.answered_at_ms, has_comment: response.comment != nil,
            consent_to_quote: response.consent_to_quote ?? false, themes: response.themes)
    }
}
