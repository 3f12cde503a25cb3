import Foundation
import Mail
import Testing

@Suite("Parsing received mail", .timeLimit(.minutes(1)))
struct InboundMailTests {
    @Test("a multipart/alternative reply gives its text/plain part and its thread headers")
    func alternative() async throws {
        let mail = try await InboundMail.parse(try fixture("alternative.eml"))
        #expect(mail.from == MailAddress("anna@example.com", name: "Anna de Vries-Müller"))
        #expect(mail.to == [MailAddress("support@glimlach.example", name: "Glimlach Support")])
        #expect(mail.subject == "Re: [#1042] Levering")
        #expect(mail.messageID == "<CAF3x9ZQ1@mail.example.com>")
        #expect(mail.inReplyTo == "<reply-77@glimlach.example>")
        #expect(mail.references == ["<ticket-1042@glimlach.example>", "<reply-77@glimlach.example>"])
        #expect(mail.language == "nl")
        #expect(mail.date == Date(timeIntervalSince1970: 1_796_285_637))
        #expect(mail.text.hasPrefix("Hallo,\n\nHet pakket is nog steeds niet bezorgd."))
        #expect(!mail.text.contains("<p>"))
        #expect(mail.attachments.isEmpty)
        #expect(!mail.isAutomatic)
    }

    @Test("an HTML-only mail becomes readable text: no tags, entities decoded, paragraphs kept")
    func htmlOnly() async throws {
        let mail = try await InboundMail.parse(try fixture("html-only.eml"))
        #expect(
            mail.text == """
                Factuur 2026\u{2011}118

                Beste team,

                Op mijn factuur staat € 49,95 maar ik betaalde € 39,95 & kreeg geen korting.

                - Bestelling 7781
                - Datum: 1 december

                Met vriendelijke groet,
                Bram <klant>
                """)
        #expect(mail.attachments.isEmpty)
    }

    @Test("an attachment keeps its decoded file name, type and bytes; the text stays the text")
    func attachment() async throws {
        let mail = try await InboundMail.parse(try fixture("attachment.eml"))
        #expect(mail.text == "Zie bijlage: de doos was kapot.\n")
        let pdf = try #require(mail.attachments.first)
        #expect(mail.attachments.count == 1)
        #expect(pdf.filename == "schade–rapport.pdf")
        #expect(pdf.contentType == "application/pdf")
        #expect(String(decoding: pdf.data, as: UTF8.self).hasPrefix("%PDF-1.4\n"))
        #expect(String(decoding: pdf.data, as: UTF8.self).hasSuffix("%%EOF\n"))
    }

    @Test("a delivery status report (bounce) is automatic, with its notice as text")
    func bounce() async throws {
        let mail = try await InboundMail.parse(try fixture("bounce.eml"))
        #expect(mail.automaticReason == "delivery status report (bounce)")
        #expect(mail.text.contains("550 5.1.1 User unknown"))
        #expect(mail.attachments.map(\.contentType) == ["message/delivery-status", "message/rfc822"])
        #expect(String(decoding: mail.attachments[1].data, as: UTF8.self).contains("<survey-9@glimlach.example>"))
    }

    @Test("an out-of-office reply is automatic and says why")
    func outOfOffice() async throws {
        let mail = try await InboundMail.parse(try fixture("out-of-office.eml"))
        #expect(mail.automaticReason == "Auto-Submitted: auto-replied")
        #expect(mail.inReplyTo == "<reply-78@glimlach.example>")
    }

    @Test(
        "machine-sent mail is recognised by its headers and sender",
        arguments: [
            ("Return-Path: <>\r\nFrom: a@example.com", "empty Return-Path"),
            ("From: MAILER-DAEMON@mx.example.com", "sender MAILER-DAEMON@mx.example.com"),
            ("From: postmaster@example.com", "sender postmaster@example.com"),
            ("From: a@example.com\r\nPrecedence: bulk", "Precedence: bulk"),
            ("From: a@example.com\r\nPrecedence: list", "Precedence: list"),
            ("From: a@example.com\r\nX-Autorespond: yes", "X-Autorespond header"),
            ("From: a@example.com\r\nAuto-Submitted: auto-generated", "Auto-Submitted: auto-generated"),
        ])
    func automatic(headers: String, reason: String) throws {
        let mail = try InboundMail(parsing: Data("\(headers)\r\nSubject: x\r\n\r\nbody\r\n".utf8))
        #expect(mail.automaticReason == reason)
    }

    @Test("a person's mail with Auto-Submitted: no is not automatic")
    func autoSubmittedNo() throws {
        let raw = "From: a@example.com\r\nAuto-Submitted: no\r\nPrecedence: first-class\r\n\r\nhoi\r\n"
        #expect(try InboundMail(parsing: Data(raw.utf8)).automaticReason == nil)
    }

    @Test("iso-8859-1 quoted-printable text and headers arrive as UTF-8")
    func latin1() async throws {
        let mail = try await InboundMail.parse(try fixture("latin1-qp.eml"))
        #expect(mail.from.name == "Renée Dubois")
        #expect(mail.subject == "Problème de livraison")
        #expect(mail.text.contains("Le colis est arrivé abîmé."))
        #expect(mail.text.contains("déjà à l'avance."))
    }

    @Test("encoded-word subjects in two charsets are decoded and joined; a base64 body is decoded")
    func encodedSubject() async throws {
        let mail = try await InboundMail.parse(try fixture("encoded-subject.eml"))
        #expect(mail.subject == "Vraag over mijn bestelling – één doos kwijt (dringend)")
        #expect(mail.from.name == "李明")
        #expect(mail.text == "Waar is mijn doos? 谢谢")
    }

    @Test(
        "garbage is refused with a clear error, never a crash",
        arguments: [
            Data(), Data([0x00, 0xFF, 0xFE, 0x13, 0x37, 0x0A, 0x00]), Data("just some words\nno headers\n".utf8),
            Data("From: not an address\r\n\r\nx".utf8),
            Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
        ])
    func garbage(raw: Data) throws {
        let error = try #require(throws: MailError.self) { try InboundMail(parsing: raw) }
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix("message:") || error.message.hasPrefix("from:"))
        #expect(error.isPermanent)
    }
}
