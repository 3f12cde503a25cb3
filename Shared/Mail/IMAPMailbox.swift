import Foundation

/// One IMAP mailbox (folder) polled for new mail, without IDLE.
///
/// The caller keeps `(uidValidity, lastUID)` durably and polls:
/// ```swift
/// let inbox = try IMAPMailbox(server: settings)
/// let status = try await inbox.status()
/// if status.uidValidity != stored.uidValidity { stored = (status.uidValidity, 0) }  // start over
/// for uid in try await inbox.uids(after: stored.lastUID) {
///     let raw = try await inbox.fetch(uid: uid)
///     // ... store the message, then stored.lastUID = uid
///     try await inbox.markSeen(uid: uid)  // or move(uid:to:) an archive folder
/// }
/// ```
/// Each call opens its own connection (login, SELECT when needed, command, logout),
/// bounded by the server's timeouts; the calls never block Swift's cooperative pool.
public struct IMAPMailbox: Sendable {
    /// The server and account.
    public let server: MailServer
    /// The folder's name, `INBOX` by default.
    public let name: String

    /// - Parameters:
    ///   - server: an `imap://` (STARTTLS) or `imaps://` server.
    ///   - name: the folder to poll.
    /// - Throws: ``MailError`` (`.invalidArgument`) for another scheme or a folder name
    ///   with quotes or line breaks.
    public init(server: MailServer, name: String = "INBOX") throws {
        try server.require(schemes: ["imap", "imaps"])
        guard !name.isEmpty, !name.contains(where: { "\"\\\r\n".contains($0) }) else {
            throw MailError(.invalidArgument, "name: must be a folder name without quotes or line breaks")
        }
        self.server = server
        self.name = name
    }

    /// The folder's UIDVALIDITY and UIDNEXT (IMAP STATUS): when UIDVALIDITY changes,
    /// the UIDs the caller stored mean nothing any more.
    /// - Throws: ``MailError``.
    public func status() async throws -> IMAPStatus {
        let response = try await CurlRequest(
            url: server.base + "/", customRequest: "STATUS \"\(name)\" (UIDVALIDITY UIDNEXT)"
        ).perform(on: server)
        return try IMAPStatus(reply: response.body)
    }

    /// The UIDs above `uid` in the folder, ascending (IMAP `UID SEARCH UID uid+1:*`).
    /// - Parameter uid: the last UID already handled (0 for all).
    /// - Throws: ``MailError``.
    public func uids(after uid: UInt32) async throws -> [UInt32] {
        guard uid < UInt32.max else { return [] }
        let response = try await CurlRequest(url: folderURL, customRequest: "UID SEARCH UID \(uid + 1):*")
            .perform(on: server)
        // "n:*" also matches the highest UID when it is below n: filter to be exact.
        return IMAPStatus.searchResults(response.body).filter { $0 > uid }.sorted()
    }

    /// The message with `uid` as the server keeps it: raw RFC 5322 bytes, for
    /// ``InboundMail/parse(_:)``. Fetching sets its \Seen flag.
    /// - Throws: ``MailError`` (`.notFound` when no message has that UID).
    public func fetch(uid: UInt32) async throws -> Data {
        let response = try await CurlRequest(url: folderURL + "/;UID=\(uid)").perform(on: server)
        if response.body.isEmpty { throw MailError(.notFound, "uid: no message \(uid) in \(name)") }
        return response.body
    }

    /// Sets the \Seen flag of the message with `uid` (IMAP `UID STORE`).
    /// - Throws: ``MailError``.
    public func markSeen(uid: UInt32) async throws {
        _ = try await CurlRequest(url: folderURL, customRequest: "UID STORE \(uid) +FLAGS.SILENT (\\Seen)")
            .perform(on: server)
    }

    /// Moves the message with `uid` to the folder `folder` (IMAP `UID MOVE`, RFC 6851),
    /// which must exist; the message gets a new UID there.
    /// - Throws: ``MailError`` (`.invalidArgument` for a folder name with quotes or line
    ///   breaks; `.rejected` when the server refuses, as for a missing folder).
    public func move(uid: UInt32, to folder: String) async throws {
        guard !folder.isEmpty, !folder.contains(where: { "\"\\\r\n".contains($0) }) else {
            throw MailError(.invalidArgument, "folder: must be a folder name without quotes or line breaks")
        }
        _ = try await CurlRequest(url: folderURL, customRequest: "UID MOVE \(uid) \"\(folder)\"").perform(on: server)
    }

    /// Whether the message with `uid` has the \Seen flag.
    /// - Throws: ``MailError`` (`.notFound` when no message has that UID).
    public func isSeen(uid: UInt32) async throws -> Bool {
        let response = try await CurlRequest(url: folderURL, customRequest: "UID FETCH \(uid) (FLAGS)")
            .perform(on: server)
        let reply = String(decoding: response.body, as: UTF8.self)
        guard reply.contains("FETCH") else { throw MailError(.notFound, "uid: no message \(uid) in \(name)") }
        return reply.contains("\\Seen")
    }

    private var folderURL: String {
        server.base + "/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)
    }
}
