extension OutgoingMail {
    /// Checks every field before composing; the error starts with the field's name.
    /// - Throws: ``MailError`` (`.invalidArgument`).
    func validate() throws {
        try from.validate("from")
        guard !to.isEmpty else { throw MailError(.invalidArgument, "to: needs at least one recipient") }
        for recipient in to { try recipient.validate("to") }
        guard !subject.contains(where: \.isNewline) else {
            throw MailError(.invalidArgument, "subject: must not contain line breaks")
        }
        guard MessageID.isValid(messageID) else {
            throw MailError(.invalidArgument, "messageID: must be <unique@domain>, not \(messageID)")
        }
        if let inReplyTo, !MessageID.isValid(inReplyTo) {
            throw MailError(.invalidArgument, "inReplyTo: must be <unique@domain>, not \(inReplyTo)")
        }
        if let bad = references.first(where: { !MessageID.isValid($0) }) {
            throw MailError(.invalidArgument, "references: must be <unique@domain> each, not \(bad)")
        }
        if let listUnsubscribe, !["https", "http", "mailto"].contains(listUnsubscribe.scheme?.lowercased() ?? "") {
            throw MailError(.invalidArgument, "listUnsubscribe: must be an https or mailto URL")
        }
        if let language,
            language.isEmpty || !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            throw MailError(.invalidArgument, "language: must be a language tag like nl or en-GB")
        }
        if let envelopeFrom, !envelopeFrom.isEmpty { try MailAddress(envelopeFrom).validate("envelopeFrom") }
    }
}
