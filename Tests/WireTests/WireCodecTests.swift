import Testing
import Wire

@Suite("Wire codec over protobuf-c")
struct WireCodecTests {
    static let schemas =
        ServiceSchema.all.flatMap { $0.methods.flatMap { [$0.request, $0.reply] } }
        + ["glimlach.RequestHeader", "glimlach.ReplyHeader", "glimlach.Event"].map { MessageSchema.named($0)! }

    @Test("the contract has services and every method's messages resolve")
    func contractIsLoaded() {
        #expect(ServiceSchema.named("bus")?.method(named: "ListServices") != nil)
        #expect(Self.schemas.count > 3)
    }

    @Test("every message in the contract round-trips with all fields set", arguments: schemas.map(\.fullName))
    func roundTripsFullMessages(name: String) throws {
        let schema = MessageSchema.named(name)!
        let record = fullRecord(schema)
        let bytes = try WireCodec.encode(record, as: schema)
        #expect(try WireCodec.decode(bytes, as: schema) == normalized(record, schema))
    }

    @Test("an empty message leaves every field unset and lists empty")
    func emptyMessage() throws {
        let schema = MessageSchema.named("glimlach.RequestHeader")!
        let bytes = try WireCodec.encode([:], as: schema)
        #expect(bytes.isEmpty)
        let record = try WireCodec.decode(bytes, as: schema)
        #expect(record == ["metadata": .list([])])
    }

    @Test("zero is a set value, distinct from unset")
    func zeroIsPresent() throws {
        let schema = MessageSchema.named("glimlach.RequestHeader")!
        let record = try WireCodec.decode(WireCodec.encode(["deadline_ms": .uint(0)], as: schema), as: schema)
        #expect(record["deadline_ms"] == .uint(0))
    }

    @Test("every truncation of a valid encoding is rejected or decodes to a prefix, never crashes")
    func truncatedInput() throws {
        let schema = MessageSchema.named("glimlach.Event")!
        let bytes = try WireCodec.encode(fullRecord(schema), as: schema)
        var rejected = 0
        for length in 0..<bytes.count {
            do { _ = try WireCodec.decode(bytes[0..<length], as: schema) } catch let error as WireError {
                #expect(error == .malformed(message: "glimlach.Event"))
                rejected += 1
            }
        }
        #expect(rejected > bytes.count / 2)
    }

    @Test(
        "malformed bytes give a typed error",
        arguments: [
            [0x0A, 0x05, 0x61],  // string field claims 5 bytes, has 1
            [0x08],  // varint tag with no value
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],  // overlong varint tag
            [0x0F],  // wire type 7 does not exist
            [0x12, 0x80, 0x80, 0x80, 0x80, 0x10],  // length far past the end
        ] as [[UInt8]])
    func malformedInput(bytes: [UInt8]) {
        #expect(throws: WireError.malformed(message: "glimlach.RequestHeader")) {
            try WireCodec.decode(bytes, as: MessageSchema.named("glimlach.RequestHeader")!)
        }
    }

    @Test("a string that is not UTF-8 is refused naming the field")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x0A, 0x02, 0xC3, 0x28]  // request_id = invalid 2-byte sequence
        #expect(throws: WireError.invalidValue(field: "request_id", reason: "not valid UTF-8")) {
            try WireCodec.decode(bytes, as: MessageSchema.named("glimlach.RequestHeader")!)
        }
    }

    @Test("an enum number the contract does not declare is refused naming the field (found by wire-fuzz)")
    func undeclaredEnumValue() {
        let schema = MessageSchema.named("glimlach.feedback.ListFollowUpsRequest")!
        #expect(throws: WireError.invalidValue(field: "statuses[0]", reason: "42 is not a declared value")) {
            try WireCodec.decode([0x08, 0x2A], as: schema)  // statuses = [42]
        }
        #expect(throws: WireError.invalidValue(field: "code", reason: "99 is not a declared value")) {
            try WireCodec.decode([0x10, 0x63], as: MessageSchema.named("glimlach.ReplyHeader")!)  // code = 99
        }
    }

    @Test("values that do not fit their field name the field")
    func invalidValues() {
        let header = MessageSchema.named("glimlach.RequestHeader")!
        #expect(throws: WireError.invalidValue(field: "deadline_ms", reason: "out of range for UInt32")) {
            try WireCodec.encode(["deadline_ms": .int(-1)], as: header)
        }
        #expect(throws: WireError.invalidValue(field: "trace_id", reason: "expected a string")) {
            try WireCodec.encode(["trace_id": .int(1)], as: header)
        }
        #expect(throws: WireError.unknownField(message: "glimlach.RequestHeader", field: "nope")) {
            try WireCodec.encode(["nope": .int(1)], as: header)
        }
        #expect(throws: WireError.invalidValue(field: "metadata[1].key", reason: "expected a string")) {
            try WireCodec.encode(
                ["metadata": .list([.message(["key": .string("a")]), .message(["key": .bool(true)])])], as: header)
        }
        #expect(throws: WireError.invalidValue(field: "code", reason: "99 is not a declared value")) {
            try WireCodec.encode(["code": .int(99)], as: MessageSchema.named("glimlach.ReplyHeader")!)
        }
    }
}
