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
