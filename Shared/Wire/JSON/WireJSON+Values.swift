import Foundation

extension WireJSON {
    /// One field's value from its JSON.
    /// - Throws: `WireError.invalidValue` naming `path` and what was expected.
    static func value(from json: JSONValue, field: FieldSchema, path: String) throws -> WireValue {
        func invalid(_ expected: String) -> WireError { .invalidValue(field: path, reason: "expected \(expected)") }
        switch field.kind {
        case .int32, .sint32, .sfixed32: return .int(Int64(try integer(json, Int32.self, "int32", path)))
        case .int64, .sint64, .sfixed64: return .int(try integer(json, Int64.self, "int64", path))
        case .uint32, .fixed32: return .uint(UInt64(try integer(json, UInt32.self, "uint32", path)))
        case .uint64, .fixed64: return .uint(try integer(json, UInt64.self, "uint64", path))
        case .float, .double:
            switch json {
            case .number(let text):
                guard let number = Double(text), number.isFinite else {
                    throw WireError.invalidValue(field: path, reason: "\(text) is out of range for a double")
                }
                return .double(number)
            // Written as "nan", "inf" and "-inf"; read back the same way.
            case .string(let text) where Double(text)?.isFinite == false: return .double(Double(text)!)
            default: throw invalid("a number")
            }
        case .bool:
            guard case .bool(let flag) = json else { throw invalid("true or false") }
            return .bool(flag)
        case .string:
            guard case .string(let text) = json else { throw invalid("a string") }
            return .string(text)
        case .bytes:
            guard case .string(let text) = json, let data = Data(base64Encoded: text) else {
                throw invalid("base64 text")
            }
            return .bytes([UInt8](data))
        case .enumeration:
            if case .string(let name) = json, let match = field.enumValues.first(where: { $0.name == name }) {
                return .int(Int64(match.number))
            }
            guard case .number = json else {
                throw invalid("one of \(field.enumValues.map(\.name).joined(separator: ", "))")
            }
            return .int(Int64(try integer(json, Int32.self, "an enum number", path)))
        case .message:
            let nested = MessageSchema.named(field.messageName!)!
            return .message(try record(from: json, as: nested, path: path + "."))
        }
    }

    /// An integer from a JSON number or a string holding one (as 64-bit values are
    /// often written), exactly: `1e3` is 1000, `1.5` is refused, and a value past
    /// `T`'s range is refused rather than wrapped or rounded.
    private static func integer<T: FixedWidthInteger>(
        _ json: JSONValue, _: T.Type, _ typeName: String, _ path: String
    ) throws -> T {
        let text: String
        switch json {
        case .number(let number): text = number
        case .string(let string):
            guard case .number(let parsed)? = try? JSONParser.parse(string), parsed == string else {
                throw WireError.invalidValue(field: path, reason: "expected an integer, not \"\(string)\"")
            }
            text = string
        default:
            throw WireError.invalidValue(field: path, reason: "expected an integer, not \(json.kindName)")
        }
        if let exact = T(text) { return exact }
        let outOfRange = WireError.invalidValue(field: path, reason: "\(text) is out of range for \(typeName)")
        guard text.contains(where: { ".eE".contains($0) }) else { throw outOfRange }
        // A fraction or an exponent: exact only up to 2^53, the doubles' integer precision.
        let number = Double(text)!
        guard number == number.rounded() else {
            throw WireError.invalidValue(field: path, reason: "expected an integer, not \(text)")
        }
        guard let exact = T(exactly: number) else { throw outOfRange }
        guard number.magnitude <= 9_007_199_254_740_992 else {
            throw WireError.invalidValue(field: path, reason: "\(text) is not exact; write the integer in full")
        }
        return exact
    }
}
