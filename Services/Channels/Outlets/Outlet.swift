import Domain

/// One channel's way out to customers: e-mail by SMTP submission, Messenger and
/// WhatsApp through the Graph API.
protocol Outlet: Sendable {
    /// Sends `message`; returns the channel's id of what it sent (the Message-ID,
    /// Graph's message id).
    /// - Throws: `DeliveryError`: `.passing` when trying again later may work (a
    ///   server down, 4xx SMTP, 429/5xx), `.final` when it will not.
    func send(_ message: OutgoingMessage) async throws -> String
}

/// What a delivery sends, on any channel.
struct OutgoingMessage: Sendable, Equatable {
    var channel: Channel
    /// E-mail address, Messenger id, WhatsApp number.
    var recipient: String
    var recipientName: String?
    /// Messenger and WhatsApp: the conversation the customer wrote in (our Page or
    /// number and theirs), as its inbound messages carried it.
    var conversation: String?
    var subject: String
    var body: String
    /// BCP 47, when known.
    var language: String?
    /// E-mail: the Message-ID to send under (without angle brackets), the mail it
    /// answers and the thread so far.
    var messageID: String
    var inReplyTo: String?
    var references: [String] = []
    /// Sent by the platform, not a person (a survey): marked so auto-responders stay quiet.
    var automatic = false
    /// A survey's link to stop further surveys (List-Unsubscribe).
    var unsubscribeURL: String?
}

/// Why a delivery attempt failed.
enum DeliveryError: Error, Equatable, CustomStringConvertible {
    /// Trying again later may work.
    case passing(String)
    /// Trying again will not work; an agent must act.
    case final(String)

    var description: String {
        switch self {
        case .passing(let reason), .final(let reason): reason
        }
    }
}
