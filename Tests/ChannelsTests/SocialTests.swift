import Bus
import Contract
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Meta
import MetaTestSupport
import Testing

@testable import ChannelsService

/// WhatsApp and Messenger through channels: Meta's signed webhook in, the Graph API out
/// (a stand-in that checks every request's shape).
@Suite("channels: Messenger and WhatsApp", .timeLimit(.minutes(1)))
struct SocialTests {
    static let secret = "app-secret"
    static let account = "106540352242922"

    static func whatsApp(id: String, text: String) -> String {
        """
        {"object":"whatsapp_business_account","entry":[{"id":"8856996819413533","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"\(account)"},"contacts":[{"profile":{"name":"Anna de Vries"},"wa_id":"31612345678"}],
        "messages":[{"from":"31612345678","id":"\(id)","timestamp":"1764806400","type":"text",
        "text":{"body":"\(text)"}}]}}]}]}
        """
    }

    static func failedStatus(_ id: String) -> String {
        """
        {"object":"whatsapp_business_account","entry":[{"id":"8856996819413533","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"\(account)"},"statuses":[{"id":"\(id)","status":"failed","timestamp":"1764806500",
        "recipient_id":"31612345678","errors":[{"code":131047,"title":"Re-engagement message",
        "message":"More than 24 hours have passed since the customer last replied"}]}]}}]}]}
        """
    }

    static func post(_ client: some TestClientProtocol, _ body: String, secret: String = secret) async throws
        -> TestResponse
    {
        let headers: HTTPFields = [
            .contentType: "application/json",
            HTTPField.Name("X-Hub-Signature-256")!: WebhookSignature.header(for: Array(body.utf8), appSecret: secret),
        ]
        return try await client.execute(
            uri: "/webhooks/meta", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(
        "a signed WhatsApp message opens a ticket once; the reply goes out in its conversation; a failure report shows")
    func whatsAppRoundTrip() async throws {
        let graph = GraphStandIn()
        try await graph.run { url in
            var retry = GraphRetryPolicy()
            retry.initialBackoff = .milliseconds(5)
            let sender = GraphSender(accessToken: GraphStandIn.token, baseURL: url, retry: retry)
            let desk = try await ServiceDesk(realOutlets: [.whatsApp: MetaOutlet(sender: sender)])
            let server = WebhookServer.application(
                host: "127.0.0.1", port: 0, meta: (Self.secret, "verify"), handlers: desk.channels.handlers,
                logger: .init(label: "test"))
            try await server.test(.router) { client in
                let forged = try await Self.post(client, Self.whatsApp(id: "wamid.in-0", text: "Hoi"), secret: "wrong")
                #expect(forged.status == .unauthorized)
                for _ in 0..<2 {
                    let delivered = try await Self.post(
                        client, Self.whatsApp(id: "wamid.in-1", text: "Waar is mijn pakket?"))
                    #expect(delivered.status == .ok)
                }
                let tickets = try await desk.call(Tickets.listTickets, .init(channels: [.whatsApp])).tickets
                #expect(tickets.count == 1)
                let ticket = try await desk.ticket(try #require(tickets.first?.ticket_id))
                #expect(ticket.customer?.name == "Anna de Vries" && ticket.customer?.handle == "31612345678")
                #expect(ticket.messages.map(\.body) == ["Waar is mijn pakket?"])

                _ = try await desk.reply("Morgen voor 12 uur!", on: ticket.ticket_id!)
                try await desk.sync()
                await desk.channels.deliveries.deliverDue()
                #expect(graph.problems.isEmpty, "\(graph.problems)")
                let sent = try #require(graph.received.first)
                #expect(sent.path == "/\(GraphStandIn.version)/\(Self.account)/messages")
                #expect(sent.json["to"] == "31612345678" && sent.json["text.body"] == "Morgen voor 12 uur!")
                let delivery = try #require(try await desk.deliveries(ticket.ticket_id!).first)
                #expect(delivery.state == .sent)
                let external = try #require(delivery.external_id)

                let report = try await Self.post(client, Self.failedStatus(external))
                #expect(report.status == .ok)
                let failed = try #require(try await desk.deliveries(ticket.ticket_id!).first)
                #expect(failed.state == .failed)
                #expect(failed.last_error?.contains("More than 24 hours have passed") == true)
            }
        }
    }
}
