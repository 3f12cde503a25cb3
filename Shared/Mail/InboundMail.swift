import Foundation

/// A received mail, parsed with GMime into what a ticket needs.
///
/// ```swift
/// let mail = try await InboundMail.parse(try await inbox.fetch(uid: uid))
/// if let reason = mail.automaticReason { ... }  // bounces and auto-replies open no tickets
/// ```
/// Text is UTF-8 whatever the message's charsets and transfer encodings; header
/// words encoded per RFC 2047 are decoded.
public struct InboundMail: Sendable, Hashable {
    /// The From mailbox (name decoded).
    public var from: MailAddress
    /// The To mailboxes.
    public var to: [MailAddress]
    /// The subject, decoded; empty when there is none.
    public var subject: String
    /// `<unique@domain>`, or nil when the message has none.
    public var messageID: String?
    /// The first Message-ID of In-Reply-To, `<...>`.
    public var inReplyTo: String?
    /// The Message-IDs of References, oldest first, each `<...>`.
    public var references: [String]
    /// The Date header, when readable.
    public var date: Date?
    /// The Content-Language header (`nl`), when present.
    public var language: String?
    /// The text: the text/plain part, else the HTML part reduced to text (no tags,
    /// entities decoded, paragraphs kept).
    public var text: String
    /// The parts that are not the text: attachments, inline images, a bounce's report
    /// and returned message.
    public var attachments: [MailAttachment]
    /// Why this mail was sent by a machine (bounce, auto-reply, bulk), or nil when a
    /// person wrote it. Answering an automatic mail risks a mail loop.
    public var automaticReason: String?

    /// Whether a machine sent this mail (``automaticReason`` is set).
    public var isAutomatic: Bool { automaticReason != nil }
}

/// One attachment of an ``InboundMail``, decoded from its transfer encoding.
public struct MailAttachment: Sendable, Hashable {
    /// The file name the sender gave, decoded, if any.
    public var filename: String?
    /// `type/subtype`, lowercase (`application/pdf`).
    public var contentType: String
    /// The decoded bytes.
    public var data: Data

    /// - Parameters: see the properties of the same names.
    public init(filename: String?, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
