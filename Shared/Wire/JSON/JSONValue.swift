/// A JSON document as parsed by `JSONParser`. Numbers keep their text, so an
/// integer field can read every 64-bit value exactly and refuse one out of range
/// instead of rounding it through a `Double`; `true` and `false` are never numbers.
enum JSONValue {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}

extension JSONValue {
    /// What the value is, for a message that says what was expected instead.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a bool"
        case .null: "null"
        }
    }
}
