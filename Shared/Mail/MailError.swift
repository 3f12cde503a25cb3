/// A failure of the mail layer, classified so a caller knows whether to retry.
///
/// ``isTransient`` is true for what may pass by itself (a 4xx reply, a refused or lost
/// connection, a TLS failure, a timeout, cancellation): retry later. Everything else is
/// permanent (a 5xx reply, wrong credentials, bad input): retrying the same thing fails
/// the same way.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The server refused the user name or password.
        case authentication
        /// The server refused the command with this SMTP code (or an IMAP NO/BAD: 0).
        case rejected
        /// The SMTP server refused this envelope recipient.
        case recipientRejected(String)
        /// The message, mailbox or UID is not there.
        case notFound
        /// No connection, or it broke.
        case connection
        /// STARTTLS or the TLS handshake or the certificate check failed.
        case tls
        /// The connect or operation timeout passed.
        case timeout
        /// The task was cancelled.
        case cancelled
        /// A reply the client could not understand.
        case protocolError
        /// A message that cannot be parsed.
        case malformed
        /// A setting or a field of the caller's is unusable; the message names the field.
        case invalidArgument
    }

    /// What went wrong.
    public let kind: Kind
    /// The server's reply code (SMTP 4xx/5xx), when the server answered.
    public let serverCode: Int?
    /// A sentence for logs and staff: the server's own text when it gave one.
    public let message: String
    /// Whether the same operation may succeed later.
    public let isTransient: Bool

    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - message: the sentence to show.
    ///   - serverCode: the server's reply code, if any.
    ///   - isTransient: defaults by kind (and by code: 4xx transient, 5xx permanent).
    public init(_ kind: Kind, _ message: String, serverCode: Int? = nil, isTransient: Bool? = nil) {
        self.kind = kind
        self.message = message
        self.serverCode = serverCode
        self.isTransient = isTransient ?? Self.transient(kind, serverCode)
    }

    /// The opposite of ``isTransient``.
    public var isPermanent: Bool { !isTransient }

    public var description: String { message }

    private static func transient(_ kind: Kind, _ code: Int?) -> Bool {
        if let code, (400..<500).contains(code) { return true }
        switch kind {
        case .connection, .tls, .timeout, .cancelled, .protocolError: return true
        case .authentication, .rejected, .recipientRejected, .notFound, .malformed, .invalidArgument: return false
        }
    }
}
