import Bus
import Contract
import Domain
import ServiceKit
import Wire

/// Where feedback keeps its data: reads and writes of stored records, no rules. The
/// handlers hold every rule and run them inside `write` with what they read through
/// `FeedbackWriting`; every change records its events in the same transaction.
/// Listings take their filters and a page. Implementations throw `StoreError`, never
/// `RPCError`, and name no SQL or GRDB type; `FeedbackSQLStore` keeps them in SQLite
/// or PostgreSQL.
typealias FeedbackStore = FeedbackTransactions & FeedbackListings

/// Transactions over the stored records.
protocol FeedbackTransactions: JobLeases {
    /// The store's clock in Unix milliseconds (tests move it).
    var nowMs: Int64 { get }
    /// Empties the write-ahead log into the database file (after an erasure).
    func truncateJournal() async throws
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any FeedbackReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records. With an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any FeedbackWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write. Records come back as stored: an invitation's
/// status is the stored one (`InvitationRules.asOf` gives it as of a time), an answer
/// carries no follow-up (`followUp(responseID:)` reads it).
protocol FeedbackReading {
    func invitation(token: String) throws -> Feedback.Invitation?
    func invitation(id: String) throws -> Feedback.Invitation?
    /// The latest `send_at_ms` of an invitation to `customerID` sent (or to be sent)
    /// after `afterMs` and not suppressed.
    func lastSurveyedAtMs(customerID: String, afterMs: Int64) throws -> Int64?
    /// When the customer asked for no more surveys, if they did.
    func optedOutAtMs(customerID: String) throws -> Int64?
    /// The customer's invitations still SCHEDULED to be sent after `afterMs`.
    func scheduledInvitations(customerID: String, afterMs: Int64) throws -> [Feedback.Invitation]
    func response(id: String) throws -> Feedback.SurveyResponse?
    func followUp(responseID: String) throws -> Feedback.FollowUp?
    /// Pending follow-ups whose next attempt is at or before `nowMs`, oldest request first.
    func dueFollowUps(nowMs: Int64, limit: Int) throws -> [PendingFollowUp]
    /// The story with its reaction counts.
    func story(id: String) throws -> Feedback.Story?
    /// Oldest first.
    func themeRules() throws -> [Feedback.ThemeRule]
    func themeRuleExists(id: String) throws -> Bool
    /// Every answer with a comment, with what theme rules look at.
    func commentedAnswers() throws -> [CommentedAnswer]
    /// The last applied event sequence per followed service.
    func positions() throws -> [String: UInt64]
    /// Everything stored about a customer (privacy requests), oldest first.
    func customerRecords(_ customerID: String) throws -> CustomerRecords
}

/// Changes, inside a write; each goes with an event (`record`).
protocol FeedbackWriting: FeedbackReading {
    /// When the write happens, in Unix milliseconds.
    var nowMs: Int64 { get }
    func insert(_ invitation: Feedback.Invitation) throws
    /// Stores the invitation's status and body.
    func save(_ invitation: Feedback.Invitation) throws
    /// Stores an answer with its language and the themes its sender gave (kept when
    /// rules are applied again).
    func insert(_ response: Feedback.SurveyResponse, language: String?, givenThemes: [String]) throws
    /// Stores the answer's themes (and its body).
    func saveThemes(_ response: Feedback.SurveyResponse) throws
    /// Stores a new follow-up with the OpenFollowUp request frozen for delivery, due now.
    func insert(_ followUp: Feedback.FollowUp, request: Tickets.OpenFollowUpRequest) throws
    /// Stores the follow-up's status, ticket and body; with `nextAttemptAtMs`, when to try again.
    func save(_ followUp: Feedback.FollowUp, nextAttemptAtMs: Int64?) throws
    func insert(_ compliment: Feedback.Compliment) throws
    func insert(_ story: Feedback.Story) throws
    /// Adds or removes one reaction; false when it was already so.
    func react(storyID: String, employeeID: String, kind: Feedback.ReactionKind, remove: Bool) throws -> Bool
    func insert(_ rule: Feedback.ThemeRule) throws
    func update(_ rule: Feedback.ThemeRule) throws
    /// False when there is no rule `id`.
    func deleteThemeRule(id: String) throws -> Bool
    func setPosition(_ sequence: UInt64, service: String) throws
    func insertOptOut(customerID: String, atMs: Int64) throws
    /// Blanks the comments of the customer's answers, the texts and names of the
    /// compliments from them and what their follow-up requests quote, and records the
    /// erasure (now).
    func eraseAnswers(customerID: String) throws
    /// Deletes remembered replies that mention any of `ids` (see `StoreAccess.forgetReplies`).
    func forgetReplies(mentioning ids: [String]) throws
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}

/// An answer with a comment as theme rules see it.
struct CommentedAnswer: Sendable {
    var response: Feedback.SurveyResponse
    var comment: String
    var language: String?
    /// The themes its sender gave.
    var givenThemes: [String]
}

/// What feedback holds about one customer.
struct CustomerRecords: Sendable {
    var invitations: [Feedback.Invitation]
    /// Each with its follow-up, if any.
    var responses: [Feedback.SurveyResponse]
    var compliments: [Feedback.Compliment]
    var optedOutAtMs: Int64?
    var erasedAtMs: Int64?
}

/// A follow-up tickets has not accepted yet, with the frozen request to send.
struct PendingFollowUp: Sendable, Equatable {
    var responseID: String
    var attempts: Int
    var request: Tickets.OpenFollowUpRequest
}

/// The listings, newest (or oldest) first a page at a time, with their filters.
protocol FeedbackListings: Sendable {
    /// Newest first, each with its status as of now.
    func invitations(_ filter: InvitationFilter, page: Page) async throws -> Feedback.ListInvitationsReply
    /// Newest first, each with its follow-up.
    func responses(_ filter: AnswerFilter, page: Page) async throws -> Feedback.ListResponsesReply
    /// Detractor answers the filter lets through: when, and their themes.
    func detractorThemes(_ filter: AnswerFilter) async throws -> [(answeredAtMs: Int64, themes: [String])]
    /// Oldest request first.
    func followUps(_ filter: FollowUpFilter, page: Page) async throws -> Feedback.ListFollowUpsReply
    /// Consented compliments only, newest first.
    func complimentWall(_ filter: ComplimentFilter, page: Page) async throws -> Feedback.ListComplimentWallReply
    /// Newest first.
    func stories(_ filter: StoryFilter, page: Page) async throws -> Feedback.ListStoriesReply
}

/// [from, to) in Unix milliseconds.
typealias MillisecondWindow = (from: Int64, to: Int64)

/// ListInvitations' filters; unset ones match everything.
struct InvitationFilter: Sendable {
    var ticketID: String?
    var customerID: String?
    var statuses: [Feedback.InvitationStatus] = []
    var created: MillisecondWindow?
}

/// ListResponses' and GetThemeCounts' filters; unset ones match everything.
struct AnswerFilter: Sendable {
    var answered: MillisecondWindow?
    var categories: [Feedback.NpsCategory] = []
    var channels: [Channel] = []
    var country: String?
    var productCategory: String?
    var agentID: String?
    var teamID: String?
    var ticketID: String?
    var theme: String?
    var withComment: Bool?
    var consentToQuote: Bool?
    /// Part of the comment, any case.
    var text: String?
}

/// ListFollowUps' filters.
struct FollowUpFilter: Sendable {
    var statuses: [Feedback.FollowUpStatus] = []
    var requested: MillisecondWindow?
}

/// ListComplimentWall's filters.
struct ComplimentFilter: Sendable {
    var employeeID: String?
    var teamID: String?
    var valueID: String?
}

/// ListStories' filters.
struct StoryFilter: Sendable {
    /// Part of the title or the story, any case.
    var text: String?
    var employeeID: String?
    var teamID: String?
    var valueID: String?
    var created: MillisecondWindow?
}
extension FeedbackReading {
    /// `response` with its follow-up, when it has one.
    func withFollowUp(_ response: Feedback.SurveyResponse) throws -> Feedback.SurveyResponse {
        var response = response
        if let id = response.response_id, let followUp = try followUp(responseID: id) { response.follow_up = followUp }
        return response
    }
}
