import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import Testing

@testable import GatewayService

/// The HTTP API over the real staff and tickets services.
@Suite("the HTTP gateway", .timeLimit(.minutes(1)))
struct GatewayTests {
    static let ticket = """
        {"customer": {"name": "Anna de Vries", "handle": "anna@example.nl", "country": "NL", "language": "nl"},
         "channel": "CHANNEL_EMAIL", "product_category": "photo-products", "subject": "Photo book arrived damaged",
         "body": "The cover is torn."}
        """

    @Test("a ticket created by POST reads back by GET with the id in the query, enums by name")
    func createAndGet() async throws {
        try await GatewayWorld().withGateway { api in
            let created = try await api.post("/v1/tickets/CreateTicket", Self.ticket)
            #expect(created.status == .ok, "\(created.text)")
            let id = try #require((created.json["ticket"] as? [String: Any])?["ticket_id"] as? String)
            let read = try await api.get("/v1/tickets/GetTicket?ticket_id=\(id)")
            #expect(read.status == .ok)
            let ticket = read.json["ticket"] as? [String: Any]
            #expect(ticket?["subject"] as? String == "Photo book arrived damaged")
            #expect(ticket?["channel"] as? String == "CHANNEL_EMAIL")
        }
    }

    @Test("an unknown ticket is 404 with a google.rpc.Status body of code NOT_FOUND")
    func notFound() async throws {
        try await GatewayWorld().withGateway { api in
            let reply = try await api.get("/v1/tickets/GetTicket?ticket_id=T-nope")
            #expect(reply.status == .notFound)
            #expect(reply.json["code"] as? Int == 5)
            #expect((reply.json["message"] as? String)?.contains("T-nope") == true, "\(reply.text)")
        }
    }

    @Test("a value the service refuses is 400 with the field it names in a BadRequest detail")
    func serviceRefusal() async throws {
        try await GatewayWorld().withGateway { api in
            let reply = try await api.post("/v1/tickets/CreateTicket", #"{"subject": "No customer"}"#)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.json["code"] as? Int == 3)
            let field = try #require(reply.violatedField, "\(reply.text)")
            #expect((reply.json["message"] as? String)?.hasPrefix(field + ": ") == true)
        }
    }

    @Test(
        "JSON that does not fit the message is 400 naming the field, never a 5xx",
        arguments: [
            (#"{"subject": 5}"#, "subject"), (#"{"subjet": "x"}"#, "subjet"),
            (#"{"channel": "CHANNEL_FAX"}"#, "channel"),
            (#"{"customer": {"name": 1}}"#, "customer.name"), (#"{"subject": "x""#, "body"), ("[1]", "body"),
            (#"{"received_at_ms": 99999999999999999999}"#, "received_at_ms"),
        ])
    func badJSON(body: String, field: String) async throws {
        try await GatewayWorld().withGateway { api in
            let reply = try await api.post("/v1/tickets/CreateTicket", body)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.violatedField == field, "\(reply.text)")
        }
    }

    @Test("a bad query value is 400 naming the parameter")
    func badQuery() async throws {
        try await GatewayWorld().withGateway { api in
            let reply = try await api.get("/v1/tickets/ListTickets?page_size=lots")
            #expect(reply.status == .badRequest)
            #expect(reply.violatedField == "page_size", "\(reply.text)")
        }
    }

    @Test("the same Idempotency-Key twice makes one ticket and answers the first result")
    func idempotencyKey() async throws {
        try await GatewayWorld().withGateway { api in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "create-anna-1"]
            let first = try await api.post("/v1/tickets/CreateTicket", Self.ticket, headers: key)
            let second = try await api.post("/v1/tickets/CreateTicket", Self.ticket, headers: key)
            let third = try await api.post("/v1/tickets/CreateTicket", Self.ticket)
            let id = { (reply: GatewayClient.Reply) in (reply.json["ticket"] as? [String: Any])?["ticket_id"] as? String
            }
            #expect(id(first) != nil && id(first) == id(second))
            #expect(id(third) != id(first))
            let list = try await api.get("/v1/tickets/ListTickets")
            #expect((list.json["tickets"] as? [Any])?.count == 2, "\(list.text)")
        }
    }

    @Test("Page-Token and Next-Page-Token page a listing as page_token and next_page_token do")
    func paging() async throws {
        try await GatewayWorld().withGateway { api in
            for _ in 0..<3 { _ = try await api.post("/v1/tickets/CreateTicket", Self.ticket) }
            let first = try await api.get("/v1/tickets/ListTickets?page_size=2")
            let token = try #require(first.headers[HTTPField.Name("Next-Page-Token")!], "\(first.text)")
            #expect(first.json["next_page_token"] as? String == token)
            let second = try await api.get(
                "/v1/tickets/ListTickets?page_size=2", headers: [HTTPField.Name("Page-Token")!: token])
            #expect((second.json["tickets"] as? [Any])?.count == 1, "\(second.text)")
            #expect(second.headers[HTTPField.Name("Next-Page-Token")!] == nil)
        }
    }

    @Test("an unknown service or method is 404, GET on a method not safe to repeat 405, bus methods are not offered")
    func unknownRoutes() async throws {
        try await GatewayWorld().withGateway { api in
            #expect(try await api.post("/v1/tickets/Frobnicate", "{}").status == .notFound)
            #expect(try await api.post("/v1/nothing/GetTicket", "{}").status == .notFound)
            #expect(try await api.post("/v1/bus/ListServices", "{}").status == .notFound)
            #expect(try await api.post("/v1/tickets/Since", "{}").status == .notFound)
            let get = try await api.get("/v1/tickets/CreateTicket")
            #expect(get.status == .methodNotAllowed && get.headers[.allow] == "POST")
        }
    }

    @Test("without the token, or with another, a call is 401 and reaches no service")
    func authentication() async throws {
        try await GatewayWorld().withGateway { api in
            let none = try await api.post("/v1/tickets/CreateTicket", Self.ticket, token: nil)
            #expect(none.status == .unauthorized && none.json["code"] as? Int == 16)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await api.post("/v1/tickets/CreateTicket", Self.ticket, token: "guess").status == .unauthorized)
            let list = try await api.get("/v1/tickets/ListTickets")
            #expect((list.json["tickets"] as? [Any] ?? []).isEmpty, "\(list.text)")
            #expect(try await api.get("/healthz", token: nil).status == .ok)
        }
    }

    @Test("X-Request-Id is echoed, X-Deadline-Ms out of range is 400 naming the header")
    func headers() async throws {
        try await GatewayWorld().withGateway { api in
            let id: HTTPFields = [HTTPField.Name("X-Request-Id")!: "req-42"]
            let reply = try await api.get("/v1/staff/ListTeams", headers: id)
            #expect(reply.status == .ok && reply.headers[HTTPField.Name("X-Request-Id")!] == "req-42")
            let late = try await api.get("/v1/staff/ListTeams", headers: [HTTPField.Name("X-Deadline-Ms")!: "0"])
            #expect(late.status == .badRequest && late.violatedField == "X-Deadline-Ms", "\(late.text)")
        }
    }

    @Test("/openapi.json is the committed docs/openapi.json, so the spec matches the routes served")
    func servedDocument() async throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")
        let committed = try String(contentsOf: file, encoding: .utf8)
        try await GatewayWorld().withGateway { api in
            let served = try await api.get("/openapi.json", token: nil)
            #expect(served.status == .ok)
            #expect(served.text == committed)
            let paths = served.json["paths"] as? [String: [String: Any]]
            #expect(paths?["/v1/tickets/GetTicket"]?["get"] != nil && paths?["/v1/tickets/CreateTicket"]?["get"] == nil)
        }
    }
}
