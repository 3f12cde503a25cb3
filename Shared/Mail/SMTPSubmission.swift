import Foundation

/// Sends mail through an SMTP submission server: STARTTLS (always, for `smtp://`) or
/// TLS (`smtps://`), AUTH with the server's user and password, then the envelope and
/// the message.
///
/// ``send(_:)`` returns once the server accepted the message (its 250 to the end of
/// DATA). A failure is a ``MailError``: retry only when ``MailError/isTransient``
/// (4xx replies, connection and TLS trouble, timeouts); a 5xx reply (a refused
/// recipient names it, with the server's text) or refused credentials are permanent.
public struct SMTPSubmission: Sendable {
    /// The server and account.
    public let server: MailServer

    /// - Parameter server: an `smtp://` (STARTTLS, port 587) or `smtps://` (465) server.
    /// - Throws: ``MailError`` (`.invalidArgument`) for another scheme.
    public init(server: MailServer) throws {
        try server.require(schemes: ["smtp", "smtps"])
        self.server = server
    }

    /// Composes `mail` (``OutgoingMail/rendered()``) and submits it to its To
    /// addresses, from its envelope sender.
    /// - Returns: the server's final reply (`250 2.0.0 OK: queued as ...`).
    /// - Throws: ``MailError``.
    @discardableResult
    public func send(_ mail: OutgoingMail) async throws -> String {
        let bytes = try await MailIO.run { try mail.rendered() }
        return try await send(raw: bytes, from: mail.envelopeFrom ?? mail.from.address, to: mail.to.map(\.address))
    }

    /// Submits a composed message as it is.
    /// - Parameters:
    ///   - raw: the message, CRLF line ends.
    ///   - from: the envelope sender; `""` for `MAIL FROM:<>`.
    ///   - recipients: the envelope recipients.
    /// - Returns: the server's final reply.
    /// - Throws: ``MailError``.
    @discardableResult
    public func send(raw: Data, from: String, to recipients: [String]) async throws -> String {
        guard !recipients.isEmpty else { throw MailError(.invalidArgument, "to: needs at least one recipient") }
        for recipient in recipients { try MailAddress(recipient).validate("to") }
        if !from.isEmpty { try MailAddress(from).validate("from") }
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let response = try await CurlRequest(
            url: server.base + "/" + domain, upload: raw, mailFrom: "<\(from)>", recipients: recipients
        ).perform(on: server)
        return response.serverLines.last ?? "250"
    }
}
