/// Any JSON value, for the stand-in's checks of request bodies: booleans stay apart
/// from numbers.
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case string(String)
    case bool(Bool)
    case number(Double)
    case other

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? single.decode(Double.self) {
            self = .number(number)
        } else if let text = try? single.decode(String.self) {
            self = .string(text)
        } else if let members = try? single.decode([String: JSONValue].self) {
            self = .object(members)
        } else {
            self = .other
        }
    }
}
