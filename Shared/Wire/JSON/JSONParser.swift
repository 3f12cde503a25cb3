/// A strict JSON parser (RFC 8259) that keeps numbers as text and says where the
/// text goes wrong. One document, nesting at most `maxDepth` deep, no duplicate keys.
struct JSONParser {
    static let maxDepth = 100

    let bytes: [UInt8]
    var index = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Parses `text` as one JSON value.
    /// - Throws: `JSONSyntaxError` with the line and column of the first problem.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(text)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(describe(bytes[index])); expected a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested more than \(Self.maxDepth) deep") }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard try peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let keyStart = index
            let key = try string()
            guard !members.contains(where: { $0.key == key }) else {
                index = keyStart
                throw error("duplicate key \"\(key)\"")
            }
            skipSpace()
            guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            index += 1
            members.append((key, try value(depth: depth)))
            skipSpace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested more than \(Self.maxDepth) deep") }
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth))
            skipSpace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw error("expected ',' or ']'")
            }
        }
    }
}
