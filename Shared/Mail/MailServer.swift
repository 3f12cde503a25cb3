import Foundation

/// Where and how to reach one mail server: an IMAP mailbox to poll or an SMTP
/// submission server to send through.
///
/// A real mailbox needs (see the Mail module's docs on each type):
/// - IMAP: `imaps://imap.example.com:993` (TLS from the start) or
///   `imap://imap.example.com:143` (STARTTLS, always required here);
/// - SMTP: `smtps://smtp.example.com:465` or `smtp://smtp.example.com:587` (STARTTLS,
///   always required), with AUTH PLAIN or LOGIN;
/// - the account's user name (often the full address) and password or app password;
/// - `caFile` only when the server's certificate is not signed by a CA the system trusts.
///
/// Plain `imap://` and `smtp://` never fall back to an unencrypted session: a server
/// that offers no STARTTLS fails with a ``MailError`` of kind `.tls`.
public struct MailServer: Sendable, Hashable {
    /// `imap://`, `imaps://`, `smtp://` or `smtps://`, host and port; no path.
    public var url: URL
    /// The login name.
    public var user: String
    /// The password (never logged, never part of an error).
    public var password: String
    /// A PEM file of the certificates to trust instead of the system's (tests use a
    /// self-signed certificate).
    public var caFile: String?
    /// How long to wait for the TCP connection and the TLS handshake.
    public var connectTimeout: Duration
    /// How long one whole operation (connect, log in, command, transfer) may take.
    public var operationTimeout: Duration

    /// - Parameters:
    ///   - url: `imap://`, `imaps://`, `smtp://` or `smtps://` with host and port.
    ///   - user: the login name.
    ///   - password: the password.
    ///   - caFile: PEM certificates to trust instead of the system's.
    ///   - connectTimeout: connect and TLS handshake limit (default 10 s).
    ///   - operationTimeout: limit for one whole operation (default 60 s).
    public init(
        url: URL, user: String, password: String, caFile: String? = nil,
        connectTimeout: Duration = .seconds(10), operationTimeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
    }

    /// The URL without a trailing slash, for appending a path.
    var base: String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Checks the scheme is one of `schemes`.
    /// - Throws: ``MailError`` (`.invalidArgument`) naming the field `url`.
    func require(schemes: Set<String>) throws {
        guard let scheme = url.scheme?.lowercased(), schemes.contains(scheme), url.host != nil else {
            throw MailError(
                .invalidArgument, "url: must be \(schemes.sorted().joined(separator: " or ")) with a host, not \(url)")
        }
    }
}

extension MailServer: CustomStringConvertible, CustomDebugStringConvertible {
    /// `user at url`: never the password, so a logged setting gives nothing away.
    public var description: String { "\(user) at \(url.absoluteString)" }
    public var debugDescription: String { description }
}
