import Foundation
import Mail
import Testing
import TestSupport

/// Against real servers: aiosmtpd for submission (STARTTLS + AUTH), Dovecot for IMAP.
@Suite("Sending and receiving through real mail servers", .timeLimit(.minutes(1)))
struct MailServerTests {
    static func settings(_ url: URL, _ servers: MailServers, user: String, password: String? = nil) -> MailServer {
        MailServer(
            url: url, user: user, password: password ?? servers.password(for: user), caFile: servers.caFile,
            connectTimeout: .seconds(5), operationTimeout: .seconds(15))
    }

    static func mail(subject: String, id: String) -> OutgoingMail {
        OutgoingMail(
            from: MailAddress(MailServers.support, name: "Glimlach Support"),
            to: [MailAddress(MailServers.customer, name: "Anna")], subject: subject,
            body: "Hallo Anna,\n\nJe doos is onderweg. Één dag nog.\n", messageID: "<\(id)@glimlach.example>",
            inReplyTo: "<question-1@example.com>",
            references: ["<ticket-1042@glimlach.example>", "<question-1@example.com>"])
    }

    @Test("a mail submitted over SMTP arrives in the customer's mailbox over IMAP with its headers intact")
    func roundTrip() async throws {
        try await MailServers.with { servers in
            let smtp = try SMTPSubmission(server: Self.settings(servers.smtpURL, servers, user: MailServers.support))
            let inbox = try IMAPMailbox(server: Self.settings(servers.imapURL, servers, user: MailServers.customer))
            let before = try await inbox.status()
            #expect(try await inbox.uids(after: 0) == [])

            let sent = Self.mail(subject: "Re: Levering – één doos 📦", id: "reply-1")
            let reply = try await smtp.send(sent)
            #expect(reply.hasPrefix("250"))

            let uids = try await inbox.uids(after: 0)
            #expect(uids == [before.uidNext])
            let received = try await InboundMail.parse(try await inbox.fetch(uid: uids[0]))
            #expect(received.messageID == "<reply-1@glimlach.example>")
            #expect(received.inReplyTo == "<question-1@example.com>")
            #expect(received.references == ["<ticket-1042@glimlach.example>", "<question-1@example.com>"])
            #expect(received.subject == "Re: Levering – één doos 📦")
            #expect(received.from == sent.from)
            #expect(received.text == sent.body)
            #expect(try await inbox.status().uidValidity == before.uidValidity)
        }
    }

    @Test("uids(after:) gives only the newer messages; status moves UIDNEXT; markSeen sets \\Seen")
    func newerOnly() async throws {
        try await MailServers.with { servers in
            let smtp = try SMTPSubmission(server: Self.settings(servers.smtpURL, servers, user: MailServers.support))
            let inbox = try IMAPMailbox(server: Self.settings(servers.imapURL, servers, user: MailServers.customer))
            for number in 1...3 { try await smtp.send(Self.mail(subject: "Mail \(number)", id: "m\(number)")) }
            let all = try await inbox.uids(after: 0)
            #expect(all.count == 3)
            #expect(try await inbox.uids(after: all[0]) == Array(all.dropFirst()))
            #expect(try await inbox.uids(after: all[2]) == [])
            #expect(try await inbox.uids(after: all[2] + 100) == [])
            #expect(try await inbox.status().uidNext == all[2] + 1)

            #expect(try await inbox.isSeen(uid: all[1]) == false)
            try await inbox.markSeen(uid: all[1])
            #expect(try await inbox.isSeen(uid: all[1]))

            let missing = try await #require(throws: MailError.self) { try await inbox.fetch(uid: all[2] + 7) }
            #expect(missing.kind == .notFound)
        }
    }

    @Test("fetch and uids go by UID, not position, after a message moved to another folder")
    func byUID() async throws {
        try await MailServers.with { servers in
            let smtp = try SMTPSubmission(server: Self.settings(servers.smtpURL, servers, user: MailServers.support))
            let settings = Self.settings(servers.imapURL, servers, user: MailServers.customer)
            let inbox = try IMAPMailbox(server: settings)
            for number in 1...2 { try await smtp.send(Self.mail(subject: "Mail \(number)", id: "by-uid-\(number)")) }
            let uids = try await inbox.uids(after: 0)
            try #require(uids.count == 2)

            try await inbox.move(uid: uids[0], to: "Archive")
            #expect(try await inbox.uids(after: 0) == [uids[1]])
            let second = try await InboundMail.parse(try await inbox.fetch(uid: uids[1]))
            #expect(second.messageID == "<by-uid-2@glimlach.example>")
            let gone = try await #require(throws: MailError.self) { try await inbox.fetch(uid: uids[0]) }
            #expect(gone.kind == .notFound)

            let archive = try IMAPMailbox(server: settings, name: "Archive")
            let archived = try await archive.uids(after: 0)
            #expect(archived.count == 1)
            let first = try await InboundMail.parse(try await archive.fetch(uid: archived[0]))
            #expect(first.messageID == "<by-uid-1@glimlach.example>")

            let missing = try await #require(throws: MailError.self) {
                try await inbox.move(uid: uids[1], to: "No Such Folder")
            }
            #expect(missing.isPermanent)
            #expect(missing.message.contains("NO"))
        }
    }

    @Test("a wrong password is a clear, permanent authentication error for SMTP and for IMAP")
    func wrongPassword() async throws {
        try await MailServers.with { servers in
            let smtp = try SMTPSubmission(
                server: Self.settings(servers.smtpURL, servers, user: MailServers.support, password: "wrong"))
            let sending = try await #require(throws: MailError.self) {
                try await smtp.send(Self.mail(subject: "x", id: "wrong-1"))
            }
            #expect(sending.kind == .authentication)
            #expect(sending.isPermanent)
            #expect(sending.message.hasPrefix("login: the server refused user support@glimlach.example"))
            #expect(!sending.message.contains("wrong"))

            let inbox = try IMAPMailbox(
                server: Self.settings(servers.imapURL, servers, user: MailServers.customer, password: "wrong"))
            let reading = try await #require(throws: MailError.self) { try await inbox.status() }
            #expect(reading.kind == .authentication)
            #expect(reading.isPermanent)
        }
    }

    @Test("an unknown recipient is a permanent error naming it, with the server's text")
    func unknownRecipient() async throws {
        try await MailServers.with { servers in
            let smtp = try SMTPSubmission(server: Self.settings(servers.smtpURL, servers, user: MailServers.support))
            var mail = Self.mail(subject: "x", id: "unknown-1")
            mail.to.append(MailAddress("nobody@example.com"))
            let error = try await #require(throws: MailError.self) { try await smtp.send(mail) }
            #expect(error.kind == .recipientRejected("nobody@example.com"))
            #expect(error.serverCode == 550)
            #expect(error.isPermanent)
            #expect(error.message.hasPrefix("recipient nobody@example.com: 550"))
            #expect(error.message.contains("User unknown"))
        }
    }

    @Test("a server that does not answer is a transient error within the connect timeout")
    func unreachable() async throws {
        let port = try freeEndpoint().split(separator: ":").last.map(String.init) ?? "1"
        let server = MailServer(
            url: URL(string: "smtp://127.0.0.1:\(port)")!, user: "a", password: "b", connectTimeout: .seconds(2),
            operationTimeout: .seconds(4))
        let started = ContinuousClock.now
        let error = try await #require(throws: MailError.self) {
            try await SMTPSubmission(server: server).send(Self.mail(subject: "x", id: "down-1"))
        }
        #expect(error.isTransient)
        #expect(error.kind == .connection)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("without trusting the servers' certificate both STARTTLS connections fail with a TLS error")
    func certificateChecked() async throws {
        try await MailServers.with { servers in
            var smtpSettings = Self.settings(servers.smtpURL, servers, user: MailServers.support)
            smtpSettings.caFile = nil
            let sending = try await #require(throws: MailError.self) {
                try await SMTPSubmission(server: smtpSettings).send(Self.mail(subject: "x", id: "tls-1"))
            }
            #expect(sending.kind == .tls)
            var imapSettings = Self.settings(servers.imapURL, servers, user: MailServers.customer)
            imapSettings.caFile = nil
            let reading = try await #require(throws: MailError.self) {
                try await IMAPMailbox(server: imapSettings).status()
            }
            #expect(reading.kind == .tls)
            #expect(reading.isTransient)
        }
    }

    @Test("a server that accepts the connection but never greets times out, transiently, in time")
    func silentServer() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let server = MailServer(
            url: URL(string: "imap://127.0.0.1:\(listener.port)")!, user: "a", password: "b",
            connectTimeout: .seconds(1), operationTimeout: .seconds(1))
        let started = ContinuousClock.now
        let error = try await #require(throws: MailError.self) { try await IMAPMailbox(server: server).status() }
        #expect(error.kind == .timeout)
        #expect(error.isTransient)
        // Well under libcurl's own wait of minutes, with room for a busy machine.
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test("printing the settings shows the user and server, never the password")
    func settingsPrinted() {
        let server = MailServer(url: URL(string: "imaps://imap.example.com")!, user: "support", password: "s3cret!")
        #expect("\(server)" == "support at imaps://imap.example.com")
        #expect(!String(reflecting: server).contains("s3cret"))
    }

    @Test("a mailbox URL of the wrong scheme is refused before any connection")
    func wrongScheme() throws {
        let server = MailServer(url: URL(string: "https://mail.example.com")!, user: "a", password: "b")
        let error = try #require(throws: MailError.self) { try IMAPMailbox(server: server) }
        #expect(error.message.hasPrefix("url:"))
    }
}
