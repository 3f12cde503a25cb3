import CGMime
import Foundation

extension InboundMail {
    /// Parses raw RFC 5322 bytes on a thread of the mail layer's (off Swift's
    /// cooperative pool).
    /// - Throws: ``MailError`` (`.malformed`) when the bytes are no mail.
    public static func parse(_ raw: Data) async throws -> InboundMail {
        try await MailIO.run { try InboundMail(parsing: raw) }
    }

    /// Parses raw RFC 5322 bytes here and now (GMime works in memory: no I/O).
    /// - Throws: ``MailError`` (`.malformed`): empty input, no header fields, or no
    ///   From address.
    public init(parsing raw: Data) throws {
        gmimeReady()
        guard !raw.isEmpty else { throw MailError(.malformed, "message: is empty") }
        let stream = GMimeSupport.stream(raw)
        defer { glim_unref(stream) }
        let parser = g_mime_parser_new_with_stream(stream)
        defer { glim_unref(parser) }
        g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE)
        guard let message = g_mime_parser_construct_message(parser, nil) else {
            throw MailError(.malformed, "message: not a mail (no header fields)")
        }
        defer { glim_unref(message) }
        let reader = MessageReader(message: message)
        guard let from = reader.addresses(g_mime_message_get_from(message)).first else {
            throw MailError(.malformed, "from: missing or not an address")
        }
        var body = BodyCollector()
        if let root = g_mime_message_get_mime_part(message) { body.walk(root) }
        self.init(
            from: from, to: reader.addresses(g_mime_message_get_to(message)),
            subject: GMimeSupport.string(g_mime_message_get_subject(message)) ?? "",
            messageID: GMimeSupport.string(g_mime_message_get_message_id(message)).map { "<\($0)>" },
            inReplyTo: reader.messageIDs("In-Reply-To").first, references: reader.messageIDs("References"),
            date: g_mime_message_get_date(message).map {
                Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix($0)))
            },
            language: reader.header("Content-Language"), text: body.text, attachments: body.attachments,
            automaticReason: nil)
        automaticReason = reader.automaticReason(from: from)
    }
}

/// Reads the header fields of a parsed GMime message.
struct MessageReader {
    let message: UnsafeMutablePointer<GMimeMessage>

    /// A header's value (unfolded, trimmed), or nil when absent. GMime files the
    /// top-level `Content-*` fields under the message's MIME part.
    func header(_ name: String) -> String? {
        let value =
            g_mime_object_get_header(glim_object(message), name)
            ?? g_mime_message_get_mime_part(message).flatMap { g_mime_object_get_header($0, name) }
        return GMimeSupport.string(value)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The mailboxes of an address list (groups' members included).
    func addresses(_ list: UnsafeMutablePointer<InternetAddressList>?) -> [MailAddress] {
        guard let list else { return [] }
        return (0..<internet_address_list_length(list)).flatMap { index -> [MailAddress] in
            guard let address = internet_address_list_get_address(list, index) else { return [] }
            if glim_is_mailbox(address) != 0 {
                guard let addr = GMimeSupport.string(internet_address_mailbox_get_addr(glim_mailbox(address))),
                    !addr.isEmpty
                else { return [] }
                let name = GMimeSupport.string(internet_address_get_name(address)).flatMap { $0.isEmpty ? nil : $0 }
                return [MailAddress(addr, name: name)]
            }
            return addresses(internet_address_group_get_members(glim_group(address)))
        }
    }

    /// The Message-IDs of In-Reply-To or References, each `<...>`.
    func messageIDs(_ name: String) -> [String] {
        guard let value = header(name), let references = g_mime_references_parse(nil, value) else { return [] }
        defer { g_mime_references_free(references) }
        return (0..<g_mime_references_length(references)).compactMap { index in
            GMimeSupport.string(g_mime_references_get_message_id(references, index)).map { "<\($0)>" }
        }
    }

    /// The top-level Content-Type's `type/subtype` and a parameter of it.
    func contentType() -> (mime: String, reportType: String?) {
        guard let part = g_mime_message_get_mime_part(message), let type = g_mime_object_get_content_type(part) else {
            return ("text/plain", nil)
        }
        let mime = GMimeSupport.take(g_mime_content_type_get_mime_type(type))?.lowercased() ?? "text/plain"
        return (mime, GMimeSupport.string(g_mime_content_type_get_parameter(type, "report-type"))?.lowercased())
    }
}
