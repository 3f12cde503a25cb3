import Foundation

/// How mails and tickets find each other: a reply names the mails it answers
/// (In-Reply-To, References), and every subject Glimlach sends carries the ticket's
/// reference, "[#<ticket_id>]", for mail programs that drop those headers.
enum MailThreading {
    /// The ticket id in a subject's "[#...]", if any.
    static func ticketReference(inSubject subject: String) -> String? {
        guard let open = subject.range(of: "[#"),
            let close = subject[open.upperBound...].firstIndex(of: "]")
        else { return nil }
        let id = subject[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy(allowed.contains) else { return nil }
        return id
    }

    /// The subject of a reply on a ticket: "Re: <subject> [#<ticket_id>]", once.
    static func replySubject(ticketSubject: String, ticketID: String) -> String {
        let reference = "[#\(ticketID)]"
        var subject = ticketSubject.trimmingCharacters(in: .whitespaces)
        if !subject.lowercased().hasPrefix("re:") { subject = "Re: " + subject }
        return subject.contains(reference) ? subject : "\(subject) \(reference)"
    }

    /// The Message-ID (without angle brackets) of what Glimlach sends for a
    /// delivery: the same on every attempt, so a mail sent twice threads as one.
    static func messageID(deliveryID: String, domain: String) -> String {
        "\(deliveryID)@\(domain)"
    }

    /// A Message-ID header value without its angle brackets and spaces.
    static func bare(_ id: String) -> String {
        id.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t\r\n"))
    }
}
