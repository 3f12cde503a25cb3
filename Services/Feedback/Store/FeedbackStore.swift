import Bus
import Contract
import Domain
import ServiceKit

/// Where feedback keeps its data: one protocol per area, so another database (a
/// PostgreSQL store) can come later. Every change records its events in the same
/// transaction; creates accept the caller's idempotency key. Implementations throw
/// `StoreError` and `Refusal`, never `RPCError`, and name no SQL or GRDB type;
/// `SQLiteFeedbackStore` (Store/SQLite/) is the one there is.
typealias FeedbackStore = InvitationStore & ResponseStore & FollowUpStore & ComplimentStore & StoryStore
    & ThemeRuleStore & TicketEventConsumer

/// A new invitation before it has an id and a token.
struct InvitationDraft: Sendable {
    var source: Feedback.InvitationSource
    var attribution: Feedback.Attribution
    var customerID: String?
    var customerName: String?
    var customerHandle: String?
    var language: String?
    /// When the contact ended; the delay counts from here (the write's time when unset).
    var contactAtMs: Int64?
    /// Unset: the configured delay.
    var delayMs: Int64?
    /// Unset: the configured validity.
    var validForMs: Int64?
}

/// A checked answer: a score in range, trimmed comment, slug themes.
struct ResponseDraft: Sendable {
    var token: String?
    var score: NPSScore
    var comment: String?
    var consentToQuote: Bool
    var themes: [String]
    /// Only without a token.
    var attribution: Feedback.Attribution?
    var customerID: String?
    /// Only without a token: how Special Care reaches a detractor.
    var customerName: String?
    var customerHandle: String?
    var language: String?
    var source: Feedback.ResponseSource
    /// Imported history (`ImportResponse`): when the customer answered; nil: now.
    var answeredAtMs: Int64?
    /// Imported history: the other tool already followed this detractor up.
    var followUpDone = false
}

/// A follow-up tickets has not accepted yet, with the frozen request to send.
struct PendingFollowUp: Sendable, Equatable {
    var responseID: String
    var attempts: Int
    var request: Tickets.OpenFollowUpRequest
}

protocol InvitationStore: Sendable {
    func createInvitation(_ draft: InvitationDraft, idempotencyKey: String?) async throws -> Feedback.Invitation
    func invitation(token: String) async throws -> Feedback.Invitation
    func invitation(id: String) async throws -> Feedback.Invitation
    func invitations(_ request: Feedback.ListInvitationsRequest, page: Page) async throws
        -> Feedback.ListInvitationsReply
}

protocol ResponseStore: Sendable {
    func submitResponse(_ draft: ResponseDraft, idempotencyKey: String?) async throws -> Feedback.SurveyResponse
    func response(id: String) async throws -> Feedback.SurveyResponse
    func responses(_ request: Feedback.ListResponsesRequest, page: Page) async throws -> Feedback.ListResponsesReply
    func setThemes(responseID: String, themes: [String], setByID: String?) async throws -> Feedback.SurveyResponse
    /// Detractor answers in the request's window and filters: when, and their themes.
    func detractorThemes(_ request: Feedback.GetThemeCountsRequest) async throws -> [(
        answeredAtMs: Int64, themes: [String]
    )]
}

protocol FollowUpStore: Sendable {
    func followUp(responseID: String) async throws -> Feedback.FollowUp
    func followUps(_ request: Feedback.ListFollowUpsRequest, page: Page) async throws -> Feedback.ListFollowUpsReply
    /// Pending follow-ups whose next attempt is due, oldest request first.
    func dueFollowUps(limit: Int) async throws -> [PendingFollowUp]
    /// tickets accepted: PENDING becomes OPEN (`follow_up.opened`); otherwise nothing.
    func followUpOpened(responseID: String, ticketID: String) async throws
    /// An attempt failed: count it, remember why, and schedule the next one; or,
    /// when `final`, stop retrying: FAILED with the reason (`follow_up.failed`).
    func followUpFailed(responseID: String, error: String, final: Bool) async throws
}

protocol ComplimentStore: Sendable {
    /// From `response_id` (text, employee, team and consent from the response) or direct.
    func createCompliment(_ request: Feedback.CreateComplimentRequest, idempotencyKey: String?) async throws
        -> Feedback.Compliment
    func complimentWall(_ request: Feedback.ListComplimentWallRequest, page: Page) async throws
        -> Feedback.ListComplimentWallReply
}

protocol StoryStore: Sendable {
    func createStory(_ draft: Feedback.Story, idempotencyKey: String?) async throws -> Feedback.Story
    func story(id: String) async throws -> Feedback.Story
    func react(storyID: String, employeeID: String, kind: Feedback.ReactionKind, remove: Bool) async throws
        -> Feedback.Story
    func stories(_ request: Feedback.ListStoriesRequest, page: Page) async throws -> Feedback.ListStoriesReply
}

protocol ThemeRuleStore: Sendable {
    func themeRules() async throws -> [Feedback.ThemeRule]
    func upsertThemeRule(_ rule: Feedback.ThemeRule, idempotencyKey: String?) async throws
        -> Feedback.UpsertThemeRuleReply
    func deleteThemeRule(id: String) async throws
}

/// Applies other services' events (tickets' `ticket.resolved`, `ticket.follow_up_opened`)
/// exactly once: the consumed sequence is stored with the effect.
protocol TicketEventConsumer: Sendable {
    /// The last applied sequence per followed service, for `EventFeed`.
    func positions() async throws -> [String: UInt64]
    func apply(_ event: Event) async throws
}
