import Bus
import Contract
import Domain
import Foundation
import Mail
import Testing
import TestSupport

@testable import ChannelsService

/// E-mail through channels with real mail servers (Dovecot and an SMTP submission
/// server): the support mailbox read over IMAP, replies and surveys sent over SMTP.
@Suite("channels: e-mail with real mail servers", .serialized, .timeLimit(.minutes(2)))
struct MailTests {
    /// `user`'s account on the test servers.
    static func server(_ servers: MailServers, _ url: URL, _ user: String) -> MailServer {
        MailServer(url: url, user: user, password: servers.password(for: user), caFile: servers.caFile)
    }

    /// The customer writes `mail` to support.
    static func customerSends(_ servers: MailServers, _ mail: OutgoingMail) async throws {
        _ = try await SMTPSubmission(server: server(servers, servers.smtpURL, MailServers.customer)).send(mail)
    }

    /// Every mail in the customer's inbox, parsed.
    static func customerInbox(_ servers: MailServers) async throws -> [InboundMail] {
        let inbox = try IMAPMailbox(server: server(servers, servers.imapURL, MailServers.customer))
        var mails: [InboundMail] = []
        for uid in try await inbox.uids(after: 0) {
            mails.append(try await InboundMail.parse(try await inbox.fetch(uid: uid)))
        }
        return mails
    }

    static func desk(_ servers: MailServers) async throws -> (ServiceDesk, MailboxPoller) {
        let outlet = MailOutlet(
            submission: try SMTPSubmission(server: server(servers, servers.smtpURL, MailServers.support)),
            from: MailAddress(MailServers.support, name: "Fotofabriek"))
        var settings = ChannelsSettings()
        settings.mailDomain = "glimlach.example"
        let desk = try await ServiceDesk(outlets: [], settings: settings, realOutlets: [.email: outlet])
        let poller = MailboxPoller(
            handlers: desk.channels.handlers,
            mailbox: try IMAPMailbox(server: server(servers, servers.imapURL, MailServers.support)),
            ownAddress: MailServers.support, interval: .milliseconds(100), logger: .init(label: "test"))
        return (desk, poller)
    }

    @Test(
        "a customer's mail opens a ticket; the agent's reply arrives threaded; the customer's answer joins the ticket")
    func mailRoundTrip() async throws {
        try await MailServers.with { servers in
            let (desk, poller) = try await Self.desk(servers)
            let first = OutgoingMail(
                from: MailAddress(MailServers.customer, name: "Anna de Vries"), to: [MailAddress(MailServers.support)],
                subject: "Fotoboek kapot", body: "De kaft van mijn fotoboek is gescheurd.",
                messageID: "<first-1@example.com>", language: "nl")
            try await Self.customerSends(servers, first)
            #expect(try await poller.poll() == 1)
            #expect(try await poller.poll() == 0)
            let ticketID = try #require(
                try await desk.call(Tickets.listTickets, .init(channels: [.email])).tickets.first?.ticket_id)
            let ticket = try await desk.ticket(ticketID)
            #expect(ticket.subject == "Fotoboek kapot" && ticket.customer?.name == "Anna de Vries")
            #expect(ticket.customer?.handle == MailServers.customer)
            #expect(ticket.messages.first?.body == "De kaft van mijn fotoboek is gescheurd.")

            _ = try await desk.reply("Wat vervelend! Er is een nieuw boek onderweg.", on: ticketID)
            try await desk.sync()
            await desk.channels.deliveries.deliverDue()
            let delivery = try #require(try await desk.deliveries(ticketID).first)
            #expect(delivery.state == .sent, "\(delivery.last_error ?? "")")
            let reply = try #require(try await Self.customerInbox(servers).first)
            #expect(reply.subject == "Re: Fotoboek kapot [#\(ticketID)]")
            #expect(reply.inReplyTo == "<first-1@example.com>")
            #expect(reply.from.address == MailServers.support && reply.from.name == "Fotofabriek")
            #expect(reply.text.contains("Er is een nieuw boek onderweg."))
            let replyID = try #require(reply.messageID)

            let answer = OutgoingMail(
                from: MailAddress(MailServers.customer, name: "Anna de Vries"), to: [MailAddress(MailServers.support)],
                subject: "Re: Fotoboek kapot", body: "Dank je wel!", messageID: "<answer-2@example.com>",
                inReplyTo: replyID, references: ["<first-1@example.com>", replyID])
            try await Self.customerSends(servers, answer)
            #expect(try await poller.poll() == 1)
            #expect(try await desk.ticket(ticketID).messages.map(\.body).last == "Dank je wel!")
            #expect(try await desk.call(Tickets.listTickets, .init(channels: [.email])).tickets.count == 1)
        }
    }

    @Test("a mail's attachment is kept with its ticket, listed and fetched whole")
    func attachments() async throws {
        try await MailServers.with { servers in
            let (desk, poller) = try await Self.desk(servers)
            let photo = Data((0..<3000).map { UInt8($0 % 251) })
            let raw = """
                From: Anna de Vries <\(MailServers.customer)>\r
                To: \(MailServers.support)\r
                Subject: Photo of the damage\r
                Message-ID: <photo-1@example.com>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                See the photo.\r
                --b1\r
                Content-Type: image/jpeg; name="torn-cover.jpg"\r
                Content-Disposition: attachment; filename="torn-cover.jpg"\r
                Content-Transfer-Encoding: base64\r
                \r
                \(photo.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))\r
                --b1--\r

                """
            _ = try await SMTPSubmission(server: Self.server(servers, servers.smtpURL, MailServers.customer)).send(
                raw: Data(raw.utf8), from: MailServers.customer, to: [MailServers.support])
            #expect(try await poller.poll() == 1)
            let ticketID = try #require(try await desk.call(Tickets.listTickets, .init()).tickets.first?.ticket_id)
            let listed = try await desk.call(Channels.listAttachments, .init(ticket_id: ticketID)).attachments
            #expect(listed.map(\.filename) == ["torn-cover.jpg"] && listed.first?.content_type == "image/jpeg")
            #expect(listed.first?.size_bytes == 3000)
            let fetched = try await desk.call(Channels.getAttachment, .init(attachment_id: listed.first?.attachment_id))
            #expect(fetched.data == [UInt8](photo))
            #expect(try await desk.ticket(ticketID).messages.first?.body?.contains("torn-cover.jpg") == true)

            // Her data erased: the file and the mail thread go with it once channels applies it.
            let export = try await desk.call(Channels.exportTickets, .init(ticket_ids: [ticketID]))
            #expect(export.attachments.map { $0.data } == [[UInt8](photo)])
            let customer = try #require(try await desk.ticket(ticketID).customer?.customer_id)
            _ = try await desk.call(Tickets.eraseCustomer, .init(customer_id: customer, reason: "request 12"))
            try await desk.sync()
            let erased = try await desk.call(Channels.exportTickets, .init(ticket_ids: [ticketID]))
            #expect(erased.attachments.isEmpty && erased.conversations.isEmpty)
            let gone = await #expect(throws: RPCError.self) {
                try await desk.call(Channels.getAttachment, .init(attachment_id: listed.first?.attachment_id))
            }
            #expect(gone?.code == .notFound)
        }
    }

    @Test("an out-of-office reply and a bounce never open a ticket")
    func automaticMail() async throws {
        try await MailServers.with { servers in
            let (desk, poller) = try await Self.desk(servers)
            let outOfOffice = """
                From: Anna de Vries <\(MailServers.customer)>\r
                To: \(MailServers.support)\r
                Subject: Automatisch antwoord: Fotoboek\r
                Message-ID: <ooo-1@example.com>\r
                Auto-Submitted: auto-replied\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Ik ben tot maandag afwezig.\r

                """
            _ = try await SMTPSubmission(server: Self.server(servers, servers.smtpURL, MailServers.customer)).send(
                raw: Data(outOfOffice.utf8), from: MailServers.customer, to: [MailServers.support])
            #expect(try await poller.poll() == 0)
            #expect(try await desk.call(Tickets.listTickets, .init()).tickets.isEmpty)
        }
    }
}
