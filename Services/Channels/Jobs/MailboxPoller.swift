import Domain
import Foundation
import Logging
import ServiceKit
import Mail
import ServiceLifecycle

/// Takes the customer mail that arrives in the support mailbox (IMAP, polled): each
/// new mail opens a ticket or joins the one it answers, once. Runs as a `Service`.
///
/// The mailbox's UIDVALIDITY and the last UID taken are stored after each mail, so a
/// restart goes on where it stopped; a mail taken but not yet counted (a crash in
/// between) is taken again and recognised by its Message-ID. Auto-replies, bounces
/// and mail from the support address itself are skipped (logged), so they never
/// open tickets or start a loop; so is mail that cannot be parsed.
///
/// When several channels processes share one database, only the holder of the
/// mailbox's lease reads it (`JobLeaseKeeper`), renewed on every poll and before
/// every mail, so no mail is taken by two processes at once.
final class MailboxPoller: Service, Sendable {
    private let handlers: ChannelsHandlers<ChannelsSQLStore>
    private let mailbox: IMAPMailbox
    private let ownAddress: String
    private let interval: Duration
    private let logger: Logger
    let lease: JobLeaseKeeper

    init(
        handlers: ChannelsHandlers<ChannelsSQLStore>, mailbox: IMAPMailbox, ownAddress: String,
        interval: Duration, logger: Logger
    ) {
        self.handlers = handlers
        self.mailbox = mailbox
        self.ownAddress = ownAddress.lowercased()
        self.interval = interval
        self.logger = logger
        lease = JobLeaseKeeper(
            job: "mailbox " + Self.name(of: mailbox),
            seconds: handlers.settings.jobLeaseSeconds, store: handlers.store, logger: logger)
    }

    /// The cursor's name: the account and the mailbox.
    var cursorName: String { Self.name(of: mailbox) }

    /// The account and the mailbox, as `user@host/mailbox`.
    static func name(of mailbox: IMAPMailbox) -> String {
        "\(mailbox.server.user)@\(mailbox.server.url.host ?? "")/\(mailbox.name)"
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do { try await self.poll() } catch is CancellationError { throw CancellationError() } catch {
                        self.logger.warning("cannot read the mailbox", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: self.interval)
                }
            }
        } catch is CancellationError {}
    }

    /// Takes every mail after the stored cursor, when this process holds the
    /// mailbox's lease. Returns how many opened or joined tickets.
    @discardableResult
    func poll() async throws -> Int {
        guard await lease.hold() else { return 0 }
        let status = try await mailbox.status()
        let name = cursorName
        var cursor = try await handlers.store.read { try $0.mailboxCursor(name) }
        if cursor?.uidValidity != status.uidValidity {
            cursor = MailboxCursor(uidValidity: status.uidValidity, lastUID: 0)
        }
        var taken = 0
        for uid in try await mailbox.uids(after: cursor?.lastUID ?? 0).sorted() where !Task.isCancelled {
            guard await lease.hold() else { break }
            if try await take(uid: uid, validity: status.uidValidity) { taken += 1 }
            let next = MailboxCursor(uidValidity: status.uidValidity, lastUID: uid)
            try await handlers.saveCursor(next, mailbox: name)
        }
        return taken
    }

    private func take(uid: UInt32, validity: UInt32) async throws -> Bool {
        let raw = try await mailbox.fetch(uid: uid)
        let mail: InboundMail
        do { mail = try await InboundMail.parse(raw) } catch {
            logger.error("mail not taken: it does not parse", metadata: ["uid": "\(uid)", "error": "\(error)"])
            return false
        }
        if let reason = mail.automaticReason {
            logger.notice("automatic mail not taken", metadata: ["uid": "\(uid)", "reason": "\(reason)"])
            return false
        }
        guard mail.from.address.lowercased() != ownAddress else {
            logger.notice("mail from the support address itself not taken", metadata: ["uid": "\(uid)"])
            return false
        }
        _ = try await handlers.take(
            Self.inbound(mail, uid: uid, validity: validity, country: handlers.settings.defaultCountry))
        return true
    }

    /// The mail as an inbound message: its text (attachments listed under it), its
    /// thread (In-Reply-To first, then References newest first), its own id.
    static func inbound(_ mail: InboundMail, uid: UInt32, validity: UInt32, country: String) -> InboundMessage {
        let own = mail.messageID.map(MailThreading.bare)
        let thread = ([mail.inReplyTo].compactMap { $0 } + mail.references.reversed()).map(MailThreading.bare)
        var body = mail.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !mail.attachments.isEmpty {
            let list = mail.attachments.map {
                "- \($0.filename ?? "(unnamed)") (\($0.contentType), \($0.data.count) bytes)"
            }
            body += "\n\nAttachments:\n" + list.joined(separator: "\n")
        }
        let address = mail.from.address
        let name = mail.from.name.flatMap { $0.isEmpty ? nil : $0 } ?? String(address.prefix { $0 != "@" })
        return InboundMessage(
            channel: .email, handle: address, name: name, language: mail.language, country: country,
            conversationKey: own ?? "imap:\(validity):\(uid)",
            subject: InboundMessage.subject(mail.subject, body: body), body: body.isEmpty ? "(empty mail)" : body,
            externalID: own ?? "imap:\(validity):\(uid)",
            sentAtMs: mail.date.map { Int64($0.timeIntervalSince1970 * 1000) }, mailReferences: thread, mailID: own,
            attachments: mail.attachments.enumerated().map { index, file in
                InboundAttachment(
                    filename: file.filename ?? "attachment-\(index + 1)", contentType: file.contentType, data: file.data
                )
            })
    }
}
