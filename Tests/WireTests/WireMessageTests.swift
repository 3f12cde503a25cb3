import Foundation
import Testing
import Wire

private struct Entry: Codable, Equatable { var key: String; var value: String? }

private struct Header: WireMessage, Equatable {
    static let messageName = "glimlach.RequestHeader"
    var request_id: String
    var deadline_ms: UInt32?
    var trace_id: String?
    var metadata: [Entry]
    var idempotent: Bool?
}

private enum Code: Int32, Codable { case ok = 0, notFound = 5 }

private struct Reply: WireMessage, Equatable {
    static let messageName = "glimlach.ReplyHeader"
    var request_id: String?
    var code: Code
    var message: String?
}

private struct Envelope: WireMessage, Equatable {
    static let messageName = "glimlach.Event"
    var service: String
    var sequence: UInt64
    var payload: Data
    var occurred_at_ms: Int64?
}

@Suite("Typed messages through Codable")
struct WireMessageTests {
    @Test("a typed header round-trips, unset optionals stay nil")
    func headerRoundTrip() throws {
        let header = Header(
            request_id: "r-1", deadline_ms: 250, trace_id: nil,
            metadata: [Entry(key: "tenant", value: "nl"), Entry(key: "empty", value: nil)], idempotent: true)
        #expect(try Header(wireBytes: header.wireBytes()) == header)
    }

    @Test("enums travel as their numbers")
    func enumRoundTrip() throws {
        let reply = Reply(request_id: "r-2", code: .notFound, message: "no ticket 'T-1'")
        let record = try WireCodec.decode(reply.wireBytes(), as: Reply.schema)
        #expect(record["code"] == .int(5))
        #expect(try Reply(wireBytes: reply.wireBytes()) == reply)
    }

    @Test("bytes and 64-bit numbers survive exactly")
    func bytesRoundTrip() throws {
        let event = Envelope(service: "tickets", sequence: .max, payload: Data([0, 255, 7]), occurred_at_ms: -1)
        #expect(try Envelope(wireBytes: event.wireBytes()) == event)
    }

    @Test("a field the type needs but the bytes lack is named")
    func missingField() throws {
        let bytes = try WireCodec.encode(["service": .string("tickets")], as: Envelope.schema)
        #expect(throws: WireError.missingField("sequence")) { try Envelope(wireBytes: bytes) }
    }

    @Test("an enum number the Swift type does not know is refused")
    func unknownEnumNumber() throws {
        let bytes = try WireCodec.encode(["code": .int(3)], as: Reply.schema)
        #expect(throws: (any Error).self) { try Reply(wireBytes: bytes) }
    }
}

@Suite("Typed messages: edge cases")
struct WireMessageEdgeTests {
    @Test("an empty repeated field of messages is a list, not bytes")
    func emptyRepeatedMessages() throws {
        let header = Header(request_id: "r", deadline_ms: nil, trace_id: nil, metadata: [], idempotent: nil)
        #expect(try Header(wireBytes: header.wireBytes()) == header)
    }
}
