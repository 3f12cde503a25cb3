import Bus
import Contract
import Domain
import Foundation
import Mail
import Meta
import MetaTestSupport
import Testing
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A customer's journey through real channels, every part a real process: the
/// customer's mail goes through a real SMTP server into the support mailbox on a
/// real IMAP server; channels opens the ticket, delivers the reply the agent writes
/// in the web workspace into the customer's mailbox and, after the ticket is
/// resolved, the survey with its link, which the web front serves; a WhatsApp
/// message from the customer's number (Meta's signed webhook) joins the same customer. channels is killed with SIGKILL twice on
/// the way: nothing is lost and nothing is sent twice.
@Suite("Channels journey: real mail servers, every service a process", .serialized, .timeLimit(.minutes(4)))
struct ChannelsJourneyTests {
    static let secret = "meta-app-secret"
    static let agentPassword = "photo-books-and-patience-7"

    @Test(
        "mail in, threaded reply out, survey link answered, WhatsApp joins the customer; kill -9 loses and doubles nothing"
    )
    func journey() async throws {
        try await MailServers.with { servers in
            try await GraphStandIn().run { graphURL in
                let stack = try await ProcessStack()
                do {
                    try await Self.run(stack, servers: servers, graphURL: graphURL)
                } catch {
                    await stack.shutdown()
                    throw error
                }
                await stack.shutdown()
            }
        }
    }

    @Test("with feedback down, channels still takes agents' replies from tickets")
    func repliesWithoutFeedback() async throws {
        let stack = try await ProcessStack()
        do {
            try await stack.start("staff")
            try await stack.start("tickets")
            try await stack.start("channels")
            let agent = try await stack.client.call(
                Staff.createEmployee,
                .init(
                    name: "Daan Bakker", email: "daan@glimlach.example", country: "NL", start_date: "2025-01-06",
                    status: .active)
            ).employee!.employee_id!
            let contact = try await stack.client.call(
                Channels.receiveMessage,
                .init(
                    channel: .webForm, handle: "anna@example.nl", name: "Anna", body: "Where is my order?",
                    external_id: "f-1"))
            _ = try await stack.client.call(
                Tickets.addMessage,
                .init(ticket_id: contact.ticket_id, kind: .publicReply, author_id: agent, body: "Tomorrow."),
                options: .init(timeout: .seconds(10), actor: agent))
            // No mailbox is connected: the reply is handled (skipped, saying why), not left waiting.
            let delivery = try await Self.eventually("channels has the reply") {
                try await stack.client.call(Channels.listDeliveries, .init(ticket_id: contact.ticket_id)).deliveries
                    .first { $0.state == .skipped }
            }
            #expect(delivery.last_error == "E-mail is not connected to Glimlach")
        } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    static func run(_ stack: ProcessStack, servers: MailServers, graphURL: String) async throws {
        let webPort = try freePort()
        let httpPort = try freePort()
        let channelsEnvironment = [
            "GLIMLACH_CHANNELS_IMAP_URL": servers.imapURL.absoluteString,
            "GLIMLACH_CHANNELS_IMAP_USER": MailServers.support,
            "GLIMLACH_CHANNELS_IMAP_PASSWORD": servers.password(for: MailServers.support),
            "GLIMLACH_CHANNELS_SMTP_URL": servers.smtpURL.absoluteString,
            "GLIMLACH_CHANNELS_SMTP_USER": MailServers.support,
            "GLIMLACH_CHANNELS_SMTP_PASSWORD": servers.password(for: MailServers.support),
            "GLIMLACH_CHANNELS_MAIL_FROM": MailServers.support, "GLIMLACH_CHANNELS_MAIL_CA_FILE": servers.caFile,
            "GLIMLACH_CHANNELS_MAIL_POLL_MS": "200", "GLIMLACH_CHANNELS_MAIL_DOMAIN": "glimlach.example",
            "GLIMLACH_COMPANY_NAME": "Fotofabriek", "GLIMLACH_PUBLIC_URL": "http://127.0.0.1:\(webPort)",
            "GLIMLACH_CHANNELS_HTTP_PORT": "\(httpPort)", "GLIMLACH_META_APP_SECRET": Self.secret,
            "GLIMLACH_META_VERIFY_TOKEN": "verify", "GLIMLACH_META_ACCESS_TOKEN": GraphStandIn.token,
            "GLIMLACH_META_GRAPH_URL": graphURL, "GLIMLACH_CHANNELS_RETRY_MS": "200",
        ]
        try await stack.start("staff")
        try await stack.start("tickets")
        try await stack.start("feedback", environment: ["GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0"])
        var channels = try await stack.start("channels", environment: channelsEnvironment)
        _ = try await stack.launch(
            "web", arguments: ["serve"],
            environment: [
                "GLIMLACH_WEB_HOST": "127.0.0.1", "GLIMLACH_WEB_PORT": "\(webPort)",
                "GLIMLACH_WEB_SESSION_KEY_FILE": stack.dataDirectory.appendingPathComponent("web-key").path,
            ])
        let agent = try await stack.client.call(
            Staff.createEmployee,
            .init(
                name: "Daan Bakker", email: "daan@glimlach.example", country: "NL", start_date: "2025-01-06",
                status: .active)
        ).employee!.employee_id!
        let asAgent = CallOptions(timeout: .seconds(10), actor: agent)
        _ = try await stack.client.call(
            Staff.setPassword, .init(employee_id: agent, password: Self.agentPassword), options: asAgent)

        // The customer writes; channels is killed as the mail arrives and started again.
        let first = OutgoingMail(
            from: MailAddress(MailServers.customer, name: "Anna de Vries"), to: [MailAddress(MailServers.support)],
            subject: "My photo book arrived torn", body: "The cover of my photo book is torn.",
            messageID: "<first-1@example.com>")
        try await Self.submit(servers, first)
        await channels.kill()
        channels = try await stack.start("channels", environment: channelsEnvironment)
        let ticketID = try await Self.eventually("the mail is a ticket") {
            try await stack.client.call(Tickets.listTickets, .init(channels: [.email])).tickets.first?.ticket_id
        }
        let ticket = try await stack.client.call(Tickets.getTicket, .init(ticket_id: ticketID)).ticket!
        #expect(ticket.messages.map(\.body) == ["The cover of my photo book is torn."])
        #expect(ticket.customer?.name == "Anna de Vries")

        // The agent replies in the workspace; channels is killed right after, then started again.
        _ = try await stack.client.call(
            Tickets.assignTicket, .init(ticket_id: ticketID, assignee_id: agent), options: asAgent)
        _ = try await Self.eventually("the web front answers") {
            try? await Self.http("http://127.0.0.1:\(webPort)/healthz").status == 200 ? true : nil
        }
        let workspace = WorkspaceAgent(base: "http://127.0.0.1:\(webPort)")
        try await workspace.signIn(email: "daan@glimlach.example", password: Self.agentPassword)
        let sent = try await workspace.reply("So sorry! A new book is on its way.", on: ticketID)
        #expect(sent.status == 303, "the reply form answered \(sent.status): \(sent.body.prefix(300))")
        let reply = try #require(
            try await stack.client.call(Tickets.getTicket, .init(ticket_id: ticketID)).ticket?.messages
                .last { $0.kind == .publicReply && $0.author_id == agent }?.message_id)
        await channels.kill()
        channels = try await stack.start("channels", environment: channelsEnvironment)
        _ = try await Self.eventually("the reply is in the customer's mailbox") {
            try await Self.inbox(servers).first
        }
        try await Task.sleep(for: .seconds(1))
        let inbox = try await Self.inbox(servers)
        #expect(inbox.count == 1, "\(inbox.map(\.subject))")
        #expect(inbox.first?.messageID == "<\(reply)@glimlach.example>")
        #expect(inbox.first?.inReplyTo == "<first-1@example.com>")
        #expect(inbox.first?.subject == "Re: My photo book arrived torn [#\(ticketID)]")
        let deliveries = try await stack.client.call(Channels.listDeliveries, .init(ticket_id: ticketID)).deliveries
        #expect(deliveries.map(\.state) == [.sent])

        // Resolved: the survey arrives with a link the web front answers.
        _ = try await stack.client.call(
            Tickets.resolveTicket, .init(ticket_id: ticketID, resolved_by_id: agent, summary: "New book sent"),
            options: asAgent)
        let survey = try await Self.eventually("the survey is in the customer's mailbox") {
            try await Self.inbox(servers).first { $0.subject.contains("recommend") }
        }
        let link = try #require(
            survey.text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+/).map { String($0.0) })
        #expect(survey.text.contains("Fotofabriek") && survey.text.contains("My photo book arrived torn"))
        let page = try await Self.http(link)
        #expect(page.status == 200 && page.body.contains("How likely are you to recommend"))
        let csrf = try #require(
            page.body.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) })
        let cookie = try #require(page.cookie)
        let answered = try await Self.http(
            link, method: "POST", form: "csrf=\(csrf)&score=10&comment=Great", cookie: cookie)
        #expect(answered.status == 200 && answered.body.contains("Thank you"))
        let responses = try await stack.client.call(Feedback.listResponses, .init()).responses
        #expect(responses.map(\.score) == [10])

        // The agent adds the customer's number; a WhatsApp message from it joins the customer.
        let customer = try #require(ticket.customer?.customer_id)
        _ = try await stack.client.call(
            Tickets.addCustomerHandle, .init(customer_id: customer, channel: .whatsApp, handle: "+31 6 1234 5678"),
            options: asAgent)
        let delivery = Self.whatsApp(id: "wamid.journey-1", text: "Is my new book shipped?")
        let posted = try await Self.http(
            "http://127.0.0.1:\(httpPort)/webhooks/meta", method: "POST", json: delivery,
            signature: WebhookSignature.header(for: Array(delivery.utf8), appSecret: Self.secret))
        #expect(posted.status == 200)
        let whatsApp = try await Self.eventually("the WhatsApp message is a ticket") {
            try await stack.client.call(Tickets.listTickets, .init(channels: [.whatsApp])).tickets.first
        }
        #expect(whatsApp.customer?.customer_id == customer)
    }

    // MARK: - the customer's side

    static func submit(_ servers: MailServers, _ mail: OutgoingMail) async throws {
        let server = MailServer(
            url: servers.smtpURL, user: MailServers.customer, password: servers.password(for: MailServers.customer),
            caFile: servers.caFile)
        _ = try await SMTPSubmission(server: server).send(mail)
    }

    static func inbox(_ servers: MailServers) async throws -> [InboundMail] {
        let server = MailServer(
            url: servers.imapURL, user: MailServers.customer, password: servers.password(for: MailServers.customer),
            caFile: servers.caFile)
        let mailbox = try IMAPMailbox(server: server)
        var mails: [InboundMail] = []
        for uid in try await mailbox.uids(after: 0) {
            mails.append(try await InboundMail.parse(try await mailbox.fetch(uid: uid)))
        }
        return mails
    }

    static func whatsApp(id: String, text: String) -> String {
        """
        {"object":"whatsapp_business_account","entry":[{"id":"8856996819413533","changes":[{"field":"messages",\
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",\
        "phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Anna"},"wa_id":"31612345678"}],\
        "messages":[{"from":"31612345678","id":"\(id)","timestamp":"1764806400","type":"text",\
        "text":{"body":"\(text)"}}]}}]}]}
        """
    }

    struct Page {
        var status: Int
        var body: String
        /// The first cookie set, as a Cookie header value.
        var cookie: String?
    }

    static func http(
        _ url: String, method: String = "GET", form: String? = nil, json: String? = nil, signature: String? = nil,
        cookie: String? = nil
    ) async throws -> Page {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let signature { request.setValue(signature, forHTTPHeaderField: "X-Hub-Signature-256") }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let setCookie = http?.value(forHTTPHeaderField: "Set-Cookie")
        return Page(
            status: http?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self),
            cookie: setCookie?.split(separator: ";").first.map(String.init))
    }

    /// The first value `probe` gives within `timeout`.
    static func eventually<T>(
        _ what: String, timeout: Duration = .seconds(20), _ probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ChannelsJourneyError(what: what)
    }

    struct ChannelsJourneyError: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting until \(what)" }
    }
}
