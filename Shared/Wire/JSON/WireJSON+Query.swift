extension WireJSON {
    /// A message from URL query items (`?ticket_id=T-1&statuses=A&statuses=B`): each
    /// name is a scalar field of `schema`, read as its JSON would be (numbers and
    /// enum names from their text, `true`/`false` for bools); a repeated field takes
    /// every item of its name.
    /// - Throws: `WireError.unknownField` for a name the message does not have;
    ///   `.invalidValue` naming the field for a bad value, a message field or a single
    ///   field given twice.
    public static func record(fromQuery items: [(name: String, value: String)], as schema: MessageSchema) throws
        -> WireRecord
    {
        var names: [String] = []
        var values: [String: [JSONValue]] = [:]
        for (name, text) in items {
            guard let field = schema.field(named: name) else {
                throw WireError.unknownField(message: schema.fullName, field: name)
            }
            guard field.kind != .message else {
                throw WireError.invalidValue(field: name, reason: "is a message: send it in a POST body")
            }
            guard field.isRepeated || values[name] == nil else {
                throw WireError.invalidValue(field: name, reason: "given more than once")
            }
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(queryValue(text, field.kind))
        }
        let members: [(key: String, value: JSONValue)] = names.map { name in
            let given = values[name]!
            return (name, schema.field(named: name)!.isRepeated ? JSONValue.array(given) : given[0])
        }
        return try record(from: JSONValue.object(members), as: schema, path: "")
    }

    /// The JSON a query value stands for in a field of `kind`.
    private static func queryValue(_ text: String, _ kind: FieldSchema.Kind) -> JSONValue {
        let isBool = text == "true" || text == "false"
        if kind == .bool && isBool { return JSONValue.bool(text == "true") }
        if kind == .float || kind == .double || kind == .enumeration, isNumber(text) { return JSONValue.number(text) }
        return JSONValue.string(text)
    }

    private static func isNumber(_ text: String) -> Bool {
        guard case .number(let number)? = try? JSONParser.parse(text) else { return false }
        return number == text
    }
}
