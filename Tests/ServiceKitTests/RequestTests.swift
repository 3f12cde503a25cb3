import Bus
import Contract
import ServiceKit
import Testing

@Suite("Request checks and paging")
struct RequestTests {
    @Test("missing, blank and overlong fields are refused by name")
    func fields() throws {
        #expect(throws: RPCError.invalidArgument(field: "name", "must be set")) { try Fields.text(nil, "name") }
        #expect(throws: RPCError.invalidArgument(field: "name", "must not be empty")) { try Fields.text("  ", "name") }
        #expect(throws: RPCError.self) { try Fields.text(String(repeating: "x", count: 201), "name") }
        #expect(try Fields.text("  Anna  ", "name") == "Anna")
        #expect(try Fields.optionalText(" ", "note") == nil)
        #expect(throws: RPCError.invalidArgument(field: "channel", "must be set")) {
            try Fields.chosen(Tickets.TicketStatus.unspecified, "channel")
        }
    }

    @Test("ids, slugs and e-mail addresses follow one rule in every service, refused by field name")
    func identifiers() throws {
        #expect(try Fields.id("emp-1:a.b_C", "employee_id") == "emp-1:a.b_C")
        #expect(throws: RPCError.invalidArgument(field: "employee_id", "must be set")) {
            try Fields.id(nil, "employee_id")
        }
        #expect(throws: RPCError.invalidArgument(field: "employee_id", "must not be empty")) {
            try Fields.id("", "employee_id")
        }
        #expect(throws: RPCError.self) { try Fields.id(String(repeating: "a", count: 65), "employee_id") }
        #expect(throws: RPCError.self) { try Fields.id("a b", "team_id") }
        #expect(try Fields.optionalID("", "team_id") == nil)
        #expect(try Fields.ids(["a", "b", "a"], "employee_ids") == ["a", "b"])

        #expect(try Fields.slug("wow-moment-2", "value_id") == "wow-moment-2")
        #expect(
            throws: RPCError.invalidArgument(
                field: "site", "only lowercase letters, digits and '-' are allowed, got 'Big Site'")
        ) {
            try Fields.optionalSlug("Big Site", "site")
        }
        #expect(throws: RPCError.self) { try Fields.slug(String(repeating: "a", count: 65), "theme") }
        #expect(throws: RPCError.invalidArgument(field: "theme", "must be set")) { try Fields.slug(nil, "theme") }
        #expect(try Fields.optionalSlug(nil, "site") == nil)
        #expect(try Fields.slugs(["x", "y", "x"], "themes") == ["x", "y"])

        #expect(try Fields.optionalEmail(" anna@example.org ") == "anna@example.org")
        #expect(try Fields.optionalEmail("  ") == nil)
        for bad in ["anna", "@example.org", "anna@example", "a@b@example.org", "an na@example.org"] {
            #expect(throws: RPCError.invalidArgument(field: "email", "is not an email address, got '\(bad)'")) {
                try Fields.optionalEmail(bad)
            }
        }
    }

    @Test("a page token leads to the next page; a forged one is refused naming page_token")
    func paging() throws {
        let first = try Page(size: 2, token: nil)
        let (rows, token) = first.cut(Array(0..<first.limit))
        #expect(rows == [0, 1])
        let next: String = try #require(token)
        let second = try Page(size: 2, token: next)
        #expect(second.offset == 2)
        #expect(second.cut([2]).next == nil)
        #expect(try Page(size: 100_000, token: nil).size == Page.maxSize)
        #expect(throws: RPCError.invalidArgument(field: "page_token", "is not a token from this listing")) {
            try Page(size: nil, token: "bogus")
        }
    }
}
