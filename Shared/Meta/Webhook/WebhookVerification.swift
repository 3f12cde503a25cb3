import Crypto

/// The subscription handshake of Meta webhooks: when the webhook is set up, Meta sends
/// `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>` and expects the
/// challenge back as the body when the token is ours.
public enum WebhookVerification: Hashable, Sendable {
    /// The token matches: answer 200 with this text.
    case accept(challenge: String)
    /// Wrong mode or token: answer 403.
    case forbidden
    /// Right token but no challenge: answer 400 with this reason.
    case invalid(reason: String)

    /// The answer to a handshake with the given query parameters.
    ///
    /// - Parameters:
    ///   - mode: `hub.mode`, which must be `subscribe`.
    ///   - token: `hub.verify_token`, compared with `verifyToken` in constant time.
    ///   - challenge: `hub.challenge`, echoed back.
    ///   - verifyToken: The token configured in the Meta app's webhook settings.
    public init(mode: String?, token: String?, challenge: String?, verifyToken: String) {
        guard mode == "subscribe", let token, !verifyToken.isEmpty,
            SHA256.hash(data: Array(token.utf8)) == SHA256.hash(data: Array(verifyToken.utf8))
        else {
            self = .forbidden
            return
        }
        guard let challenge, !challenge.isEmpty else {
            self = .invalid(reason: "hub.challenge: is missing")
            return
        }
        self = .accept(challenge: challenge)
    }
}
