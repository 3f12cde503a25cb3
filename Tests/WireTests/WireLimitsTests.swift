import Testing
import Wire

/// What the decoder refuses instead of passing on something else than was sent.
@Suite("Wire decoder limits")
struct WireLimitsTests {
    static let header = MessageSchema.named("glimlach.RequestHeader")!
    static let createTicket = MessageSchema.named("glimlach.tickets.CreateTicketRequest")!

    /// Field `number` as a length-delimited value.
    static func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] {
        [number << 3 | 2, UInt8(bytes.count)] + bytes
    }

    @Test("a string with a NUL inside is refused naming the field, not cut at the NUL")
    func embeddedNul() {
        let bytes = Self.field(1, Array("ab".utf8) + [0] + Array("cd".utf8))
        #expect(throws: WireError.invalidValue(field: "request_id", reason: "contains a NUL character")) {
            try WireCodec.decode(bytes, as: Self.header)
        }
    }

    @Test("a NUL in a nested message's string names the nested field")
    func embeddedNulNested() {
        let entry = Self.field(1, [0x6B, 0]) + Self.field(2, Array("v".utf8))
        #expect(throws: WireError.invalidValue(field: "metadata[0].key", reason: "contains a NUL character")) {
            try WireCodec.decode(Self.field(4, entry), as: Self.header)
        }
    }

    @Test("strings without NUL, empty ones included, still decode")
    func plainStrings() throws {
        let bytes = Self.field(1, Array("req-1".utf8)) + Self.field(3, [])
        let record = try WireCodec.decode(bytes, as: Self.header)
        #expect(record["request_id"] == .string("req-1") && record["trace_id"] == .string(""))
    }

    @Test("a repeated field over the cap is refused naming the field and the cap")
    func repeatedCap() throws {
        let notes = (0..<1001).map { WireValue.string("note \($0)") }
        let bytes = try WireCodec.encode(["notes": .list(notes)], as: Self.createTicket)
        #expect(throws: WireError.invalidValue(field: "notes", reason: "at most 1000 items, got 1001")) {
            try WireCodec.decode(bytes, as: Self.createTicket, maxItems: WireCodec.maxRequestItems)
        }
        // Without a cap (replies), and at the cap, it decodes.
        #expect(try WireCodec.decode(bytes, as: Self.createTicket)["notes"] == .list(notes))
        let thousand = WireValue.list(Array(notes.prefix(1000)))
        let atCap = try WireCodec.encode(["notes": thousand], as: Self.createTicket)
        #expect(try WireCodec.decode(atCap, as: Self.createTicket, maxItems: 1000)["notes"] == thousand)
    }
}
