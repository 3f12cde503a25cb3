import Foundation
import Testing

@testable import Domain

@Suite("Typed ids")
struct IdentifierTests {
    @Test(
        "ids from other systems are accepted as they are",
        arguments: [
            "t", "tkt-0123456789abcdef", "ZD:4711", "partner.callcenter_x-42", String(repeating: "a", count: 64),
        ])
    func validIDs(text: String) throws {
        #expect(try TicketID(text).rawValue == text)
    }

    @Test(
        "empty, too long or odd characters are refused, naming the field",
        arguments: ["", String(repeating: "a", count: 65), "tkt 1", "tkt/1", "émile", "a\n"])
    func invalidIDs(text: String) {
        #expect(invalidField { _ = try TicketID(text) } == "ticket_id")
        #expect(invalidField { _ = try EmployeeID(text, field: "assignee_id") } == "assignee_id")
    }

    @Test("new ids are the kind's prefix and 16 hex digits, and differ")
    func random() throws {
        let ids = (0..<100).map { _ in EmployeeID.random() }
        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(id.rawValue.hasPrefix("emp-"))
            #expect(id.rawValue.count == 20)
            #expect(id.rawValue.dropFirst(4).allSatisfy { $0.isHexDigit })
            #expect(try EmployeeID(id.rawValue) == id)
        }
        #expect(TeamID.random().rawValue.hasPrefix("team-"))
    }

    @Test("ids cross the wire as plain strings; a bad one names its path")
    func codable() throws {
        struct Assignment: Codable, Equatable {
            var ticketID: TicketID
            var assigneeID: EmployeeID

            enum CodingKeys: String, CodingKey {
                case ticketID = "ticket_id"
                case assigneeID = "assignee_id"
            }
        }
        let assignment = Assignment(ticketID: try TicketID("tkt-1"), assigneeID: try EmployeeID("emp-2"))
        #expect(try Fixture.jsonObject(assignment)["ticket_id"] as? String == "tkt-1")
        #expect(try Fixture.roundTrip(assignment) == assignment)
        let bad = #"{"ticket_id": "tkt-1", "assignee_id": ""}"#
        #expect(invalidField { _ = try Fixture.decode(Assignment.self, bad) } == "assignee_id")
    }
}
