import Testing
import Wire

/// JSON as `glimlach call` reads it, through the contract's descriptors.
@Suite("JSON requests")
struct WireJSONTests {
    private let response = MessageSchema.named("glimlach.feedback.SubmitResponseRequest")!
    private let event = MessageSchema.named("glimlach.Event")!
    private let header = MessageSchema.named("glimlach.RequestHeader")!

    private func reason(_ text: String, _ schema: MessageSchema) -> String? {
        do {
            _ = try WireJSON.record(from: text, as: schema)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("0 and 1 are numbers in integer and enum fields, and true and false the only bools")
    func zeroAndOneAreNumbers() throws {
        let zero = try WireJSON.record(from: #"{"score": 0, "source": 1, "consent_to_quote": false}"#, as: response)
        #expect(zero["score"] == .int(0) && zero["source"] == .int(1) && zero["consent_to_quote"] == .bool(false))
        let one = try WireJSON.record(from: #"{"score": 1, "consent_to_quote": true}"#, as: response)
        #expect(one["score"] == .int(1) && one["consent_to_quote"] == .bool(true))
        #expect(try WireJSON.record(from: #"{"sequence": 0}"#, as: event)["sequence"] == .uint(0))
        #expect(try WireJSON.record(from: #"{"sequence": 1}"#, as: event)["sequence"] == .uint(1))
        #expect(reason(#"{"consent_to_quote": 1}"#, response) == "field 'consent_to_quote': expected true or false")
        #expect(reason(#"{"consent_to_quote": 0}"#, response) == "field 'consent_to_quote': expected true or false")
        #expect(reason(#"{"score": true}"#, response) == "field 'score': expected an integer, not a bool")
        #expect(reason(#"{"sequence": false}"#, event) == "field 'sequence': expected an integer, not a bool")
    }

    @Test("integers past their field's range are refused, never wrapped or rounded")
    func outOfRange() throws {
        #expect(
            reason(#"{"occurred_at_ms": 9223372036854775808}"#, event)
                == "field 'occurred_at_ms': 9223372036854775808 is out of range for int64")
        #expect(
            reason(#"{"occurred_at_ms": "-9223372036854775809"}"#, event)
                == "field 'occurred_at_ms': -9223372036854775809 is out of range for int64")
        #expect(reason(#"{"score": 2147483648}"#, response) == "field 'score': 2147483648 is out of range for int32")
        #expect(reason(#"{"deadline_ms": -1}"#, header) == "field 'deadline_ms': -1 is out of range for uint32")
        #expect(
            reason(#"{"sequence": 18446744073709551616}"#, event)
                == "field 'sequence': 18446744073709551616 is out of range for uint64")
        #expect(reason(#"{"score": 1e30}"#, response) == "field 'score': 1e30 is out of range for int32")
        #expect(reason(#"{"score": 2.5}"#, response) == "field 'score': expected an integer, not 2.5")
        // Every 64-bit value is read exactly, also the extremes.
        #expect(
            try WireJSON.record(from: #"{"occurred_at_ms": 9223372036854775807}"#, as: event)["occurred_at_ms"]
                == .int(.max))
        #expect(
            try WireJSON.record(from: #"{"occurred_at_ms": "-9223372036854775808"}"#, as: event)["occurred_at_ms"]
                == .int(.min))
        #expect(try WireJSON.record(from: #"{"sequence": 18446744073709551615}"#, as: event)["sequence"] == .uint(.max))
        #expect(try WireJSON.record(from: #"{"score": 1e1}"#, as: response)["score"] == .int(10))
    }

    @Test("text that is not JSON says on which line and column, and what is wrong there")
    func syntaxErrors() {
        #expect(reason("{", response) == "line 1, column 2: unexpected end")
        #expect(reason(#"{"score": }"#, response) == "line 1, column 11: unexpected '}'; expected a JSON value")
        #expect(
            reason("{\n  \"score\": 3,\n  \"comment\" \"ok\"\n}", response)
                == "line 3, column 13: expected ':' after the key")
        #expect(reason(#"{"comment": "é" x}"#, response) == "line 1, column 17: expected ',' or '}'")
        #expect(reason(#"{"score": 3} 4"#, response) == "line 1, column 14: unexpected text after the JSON value")
        #expect(reason(#"{"score": 3, "score": 4}"#, response) == "line 1, column 14: duplicate key \"score\"")
        #expect(reason(#"{"score": 03}"#, response) == "line 1, column 12: a number cannot start with 0")
        #expect(
            reason("{\"comment\": \"a\u{01}\"}", response)
                == "line 1, column 15: control character 0x01 inside a string; write it as an escape")
        #expect(reason(#"{"score": tru}"#, response) == "line 1, column 14: unexpected '}'; expected true")
        #expect(reason(String(repeating: "[", count: 200), response)?.contains("nested more than 100 deep") == true)
    }

    @Test("strings keep their escapes, and what is written reads back the same")
    func roundTrip() throws {
        let text = #"{"comment": "a\"b\\c\n\u00e9\ud83d\ude00", "themes": ["x", "y"], "score": 9}"#
        let record = try WireJSON.record(from: text, as: response)
        #expect(record["comment"] == .string("a\"b\\c\né😀"))
        #expect(try WireJSON.record(from: WireJSON.text(of: record, as: response), as: response) == record)
        #expect(try WireJSON.record(from: "  \n", as: response).isEmpty)
    }
}
