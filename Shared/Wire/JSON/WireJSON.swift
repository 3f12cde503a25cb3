import Foundation

/// JSON for any message of the contract, driven by its descriptor: what the
/// `glimlach` tool reads and prints. Field names are the proto names; enums are
/// written by value name and read by name or number; bytes are base64; 64-bit
/// integers are read from numbers or numeric strings.
public enum WireJSON {
    /// Parses `text` as the JSON form of `schema`.
    /// - Throws: `WireError.malformed` for text that is not a JSON object,
    ///   `.unknownField` or `.invalidValue` naming the field.
    public static func record(from text: String, as schema: MessageSchema) throws -> WireRecord {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
        else { throw WireError.malformed(message: "\(schema.fullName) JSON") }
        return try record(from: object, as: schema, path: "")
    }

    /// The JSON text of `record`, fields in declaration order, indented by two spaces.
    public static func text(of record: WireRecord, as schema: MessageSchema) -> String {
        var writer = JSONWriter()
        writer.message(record, schema, indent: "")
        return writer.output
    }

    static func record(from object: Any, as schema: MessageSchema, path: String) throws -> WireRecord {
        guard let object = object as? [String: Any] else {
            throw WireError.invalidValue(field: path.isEmpty ? schema.fullName : path, reason: "expected a JSON object")
        }
        var record: WireRecord = [:]
        for (key, value) in object where !(value is NSNull) {
            guard let field = schema.field(named: key) else {
                throw WireError.unknownField(message: schema.fullName, field: path + key)
            }
            let fieldPath = path + key
            if field.isRepeated {
                guard let items = value as? [Any] else {
                    throw WireError.invalidValue(field: fieldPath, reason: "expected a JSON array")
                }
                record[key] = .list(
                    try items.enumerated().map { index, item in
                        try self.value(from: item, field: field, path: "\(fieldPath)[\(index)]")
                    })
            } else {
                record[key] = try self.value(from: value, field: field, path: fieldPath)
            }
        }
        return record
    }

    private static func value(from json: Any, field: FieldSchema, path: String) throws -> WireValue {
        func invalid(_ expected: String) -> WireError { .invalidValue(field: path, reason: "expected \(expected)") }
        switch field.kind {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64:
            guard let number = integer(json) else { throw invalid("an integer") }
            return .int(number)
        case .uint32, .fixed32, .uint64, .fixed64:
            guard let number = integer(json), number >= 0 else { throw invalid("a non-negative integer") }
            return .uint(UInt64(number))
        case .float, .double:
            guard let number = json as? NSNumber, !(json is Bool) else { throw invalid("a number") }
            return .double(number.doubleValue)
        case .bool:
            guard let flag = json as? Bool else { throw invalid("true or false") }
            return .bool(flag)
        case .string:
            guard let text = json as? String else { throw invalid("a string") }
            return .string(text)
        case .bytes:
            guard let text = json as? String, let data = Data(base64Encoded: text) else { throw invalid("base64 text") }
            return .bytes([UInt8](data))
        case .enumeration:
            if let name = json as? String, let match = field.enumValues.first(where: { $0.name == name }) {
                return .int(Int64(match.number))
            }
            guard let number = integer(json) else {
                throw invalid("one of \(field.enumValues.map(\.name).joined(separator: ", "))")
            }
            return .int(number)
        case .message:
            let nested = MessageSchema.named(field.messageName!)!
            return .message(try record(from: json, as: nested, path: path + "."))
        }
    }

    private static func integer(_ json: Any) -> Int64? {
        if json is Bool { return nil }
        if let text = json as? String { return Int64(text) }
        guard let number = json as? NSNumber, number.doubleValue == number.doubleValue.rounded() else { return nil }
        return number.int64Value
    }
}
