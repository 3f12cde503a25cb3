import AsyncHTTPClient
import Domain
import Foundation
import Logging

/// Sends text replies through Meta's Graph API: Messenger's Send API and the WhatsApp
/// Cloud API, with retries on passing failures (see `GraphRetryPolicy`).
///
/// ```swift
/// let sender = GraphSender(accessToken: pageToken)
/// let id = try await sender.sendMessenger(text: "Thanks, we are on it.", to: psid)
/// ```
///
/// Configuration keys: `baseURL` (default `https://graph.facebook.com`), `apiVersion`
/// (`v21.0`), `accessToken` (a Page access token for Messenger, a system user token for
/// WhatsApp; sent as `Authorization: Bearer`), `retry`, `requestTimeout` (10 s).
public struct GraphSender: Sendable {
    /// The Graph API's address, without a trailing slash.
    public var baseURL: String
    /// The API version in paths, e.g. `v21.0`.
    public var apiVersion: String
    /// How passing failures are retried.
    public var retry: GraphRetryPolicy
    /// The longest one attempt may take.
    public var requestTimeout: Duration
    let accessToken: String
    let httpClient: HTTPClient
    let logger: Logger

    /// A sender.
    ///
    /// - Parameters:
    ///   - accessToken: The token sent as `Authorization: Bearer`.
    ///   - baseURL: The Graph API's address (a local stand-in in tests).
    ///   - apiVersion: The version in paths.
    ///   - retry: The retry policy.
    ///   - requestTimeout: The longest one attempt may take.
    ///   - httpClient: The HTTP client (the shared one by default); the caller owns it.
    ///   - logger: Where retries are logged.
    public init(
        accessToken: String, baseURL: String = "https://graph.facebook.com", apiVersion: String = "v21.0",
        retry: GraphRetryPolicy = GraphRetryPolicy(), requestTimeout: Duration = .seconds(10),
        httpClient: HTTPClient = .shared, logger: Logger = Logger(label: "glimlach.meta.graph")
    ) {
        self.accessToken = accessToken
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiVersion = apiVersion
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.httpClient = httpClient
        self.logger = logger
    }

    /// Sends a Messenger reply (`messaging_type` `RESPONSE`) to the customer with page-scoped
    /// id `psid`, from the Page the access token belongs to.
    ///
    /// - Parameters:
    ///   - text: The text, at most 2000 characters.
    ///   - psid: The customer's page-scoped id.
    /// - Returns: Messenger's `message_id`.
    /// - Throws: `GraphSendError`; `CancellationError` when the task is cancelled.
    public func sendMessenger(text: String, to psid: String) async throws -> String {
        try SocialTextLimit.check(text, for: .facebookMessenger)
        let body = GraphBodies.MessengerSend(recipient: .init(id: psid), message: .init(text: text))
        return try await post(path: "me/messages", body: body)
    }

    /// Sends a WhatsApp text message (no link preview) to `waID` from our business
    /// number `phoneNumberID`.
    ///
    /// - Parameters:
    ///   - text: The text, at most 4096 characters.
    ///   - waID: The customer's WhatsApp id.
    ///   - phoneNumberID: Our business phone number's id.
    /// - Returns: WhatsApp's message id (`wamid....`), the id later status updates carry.
    /// - Throws: `GraphSendError`; `CancellationError` when the task is cancelled.
    public func sendWhatsApp(text: String, to waID: String, from phoneNumberID: String) async throws -> String {
        try SocialTextLimit.check(text, for: .whatsApp)
        let body = GraphBodies.WhatsAppSend(to: waID, text: .init(body: text))
        return try await post(path: "\(phoneNumberID)/messages", body: body)
    }

    /// Sends `text` into the conversation `key`, on Messenger or WhatsApp by its channel.
    ///
    /// - Parameters:
    ///   - text: The text, within `SocialTextLimit` of the channel.
    ///   - key: The conversation, as inbound messages carry it.
    /// - Returns: The platform's message id.
    /// - Throws: `GraphSendError` (`invalid` for `channel` when the key is not Meta's).
    public func send(text: String, in key: SocialConversationKey) async throws -> String {
        switch key.channel {
        case .facebookMessenger:
            return try await sendMessenger(text: text, to: key.participant)
        case .whatsApp:
            return try await sendWhatsApp(text: text, to: key.participant, from: key.account)
        default:
            throw GraphSendError.invalid(
                field: "channel", reason: "\(key.channel.displayName) is not sent through the Graph API")
        }
    }

    /// The URL of `path` under the base address and version.
    func url(_ path: String) -> String { "\(baseURL)/\(apiVersion)/\(path)" }
}
