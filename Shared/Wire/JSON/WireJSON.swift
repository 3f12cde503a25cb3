/// JSON for any message of the contract, driven by its descriptor: what the
/// `glimlach` tool reads and prints. Field names are the proto names; enums are
/// written by value name and read by name or number; bytes are base64; integers
/// are read from numbers or numeric strings, exactly, and refused when out of the
/// field's range; bools are `true` or `false` only.
public enum WireJSON {
    /// Parses `text` as the JSON form of `schema`; blank text is the empty message.
    /// - Throws: `JSONSyntaxError` (line and column) for text that is not JSON;
    ///   `WireError.unknownField` or `.invalidValue` naming the field.
    public static func record(from text: String, as schema: MessageSchema) throws -> WireRecord {
        guard text.contains(where: { !$0.isWhitespace }) else { return [:] }
        return try record(from: try JSONParser.parse(text), as: schema, path: "")
    }

    /// The JSON text of `record`, fields in declaration order, indented by two spaces.
    public static func text(of record: WireRecord, as schema: MessageSchema) -> String {
        var writer = JSONWriter()
        writer.message(record, schema, indent: "")
        return writer.output
    }

    static func record(from json: JSONValue, as schema: MessageSchema, path: String) throws -> WireRecord {
        guard case .object(let members) = json else {
            throw WireError.invalidValue(field: path.isEmpty ? schema.fullName : path, reason: "expected a JSON object")
        }
        var record: WireRecord = [:]
        for (key, value) in members {
            if case .null = value { continue }
            guard let field = schema.field(named: key) else {
                throw WireError.unknownField(message: schema.fullName, field: path + key)
            }
            let fieldPath = path + key
            if field.isRepeated {
                guard case .array(let items) = value else {
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
}
