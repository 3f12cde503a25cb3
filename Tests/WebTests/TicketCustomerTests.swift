import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import ChannelsService
@testable import WebService

@Suite("Agent ticket page: one customer across channels", .timeLimit(.minutes(3)))
struct TicketCustomerTests {
    @Test("an agent adds the customer's number, joins the customer who wrote on Messenger, and splits them again")
    func handles() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 5000)
        let id = try await desk.ticket("Photo book arrived damaged", assignee: desk.people.agent)
        let messenger = try await world.client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna", handle: "psid-4471", country: "NL"), channel: .facebookMessenger,
                product_category: "photo-books", subject: "Where is my book?", body: "Hi")
        ).ticket!
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            var page = try await web.get("/tickets/\(id)")
            #expect(page.body.contains("How to reach this customer"))
            #expect(page.body.contains("E-mail: anna@example.nl"))

            let added = try await web.post(
                "/tickets/\(id)/customer/handle",
                TicketPageTests.form(page, [("kind", "phone"), ("handle", "+31 6 1234 5678")]))
            #expect(added.status == .seeOther)
            page = try await web.get("/tickets/\(id)")
            #expect(page.body.contains("Added: a contact from it is this customer&#39;s from now on."))
            #expect(page.body.contains("Phone: +31612345678"))

            let refused = try await web.post(
                "/tickets/\(id)/customer/handle",
                TicketPageTests.form(page, [("kind", "messenger"), ("handle", "psid-4471")]))
            #expect(refused.status == .seeOther)
            #expect(try await web.get("/tickets/\(id)").body.contains("merge the two customers instead"))

            let merged = try await web.post(
                "/tickets/\(id)/customer/merge",
                TicketPageTests.form(page, [("kind", "messenger"), ("handle", "psid-4471")]))
            #expect(merged.status == .seeOther)
            page = try await web.get("/tickets/\(id)")
            #expect(page.body.contains("Joined: 1 tickets of the other customer are this customer&#39;s now."))
            #expect(page.body.contains("Where is my book?"))  // the Messenger ticket on the timeline

            let split = try await web.post(
                "/tickets/\(id)/customer/split",
                TicketPageTests.form(page, [("kind", "messenger"), ("handle", "psid-4471")]))
            #expect(split.status == .seeOther)
            #expect(try await web.get("/tickets/\(id)").body.contains("Split off as a new customer, with 1 tickets."))
        }
        let after = try await world.client.call(Tickets.getTicket, .init(ticket_id: messenger.ticket_id)).ticket!
        #expect(after.customer?.customer_id != messenger.customer?.customer_id)
        await world.shutdown()
    }
}

@Suite("Agent ticket page: attachments", .timeLimit(.minutes(3)))
struct TicketAttachmentTests {
    @Test("a file the customer sent is listed under their message and downloads whole, never inline")
    func attachment() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true, channels: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 5000)
        let photo = Data((0..<2048).map { UInt8($0 % 256) })
        let (received, _) = try await #require(world.channelsApp).handlers.take(
            InboundMessage(
                channel: .email, handle: "anna@example.nl", name: "Anna de Vries", language: "en", country: "NL",
                conversationKey: "m1@example.nl", subject: "Torn cover", body: "See the photo.",
                externalID: "m1@example.nl", mailID: "m1@example.nl",
                attachments: [InboundAttachment(filename: "torn-cover.jpg", contentType: "image/jpeg", data: photo)]))
        _ = try await world.client.call(
            Tickets.assignTicket, .init(ticket_id: received.ticketID, assignee_id: desk.people.agent))
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let page = try await web.get("/tickets/\(received.ticketID)")
            let href = try #require(
                page.body.firstMatch(of: /href="(\/tickets\/[^"]+\/attachments\/[^"]+)"/).map { String($0.1) })
            #expect(page.body.contains("torn-cover.jpg"))
            let file = try await web.get(href)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == #"attachment; filename="torn-cover.jpg""#)
            #expect(file.headers[.contentType] == "application/octet-stream")
            #expect(file.body == String(decoding: photo, as: UTF8.self))
        }
        await world.shutdown()
    }
}
