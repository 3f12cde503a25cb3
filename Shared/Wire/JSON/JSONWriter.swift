import Foundation

/// Writes a record as indented JSON in the schema's field order.
struct JSONWriter {
    private(set) var output = ""

    mutating func message(_ record: WireRecord, _ schema: MessageSchema, indent: String) {
        let fields = schema.fields.filter { record[$0.name] != nil }
        guard !fields.isEmpty else { return output += "{}" }
        output += "{\n"
        for (index, field) in fields.enumerated() {
            output += indent + "  " + quoted(field.name) + ": "
            value(record[field.name]!, field, indent: indent + "  ")
            output += index < fields.count - 1 ? ",\n" : "\n"
        }
        output += indent + "}"
    }

    private mutating func value(_ value: WireValue, _ field: FieldSchema, indent: String) {
        switch value {
        case .list(let items):
            guard !items.isEmpty else { return output += "[]" }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "  "
                self.value(item, field, indent: indent + "  ")
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .message(let record):
            message(record, MessageSchema.named(field.messageName!)!, indent: indent)
        case .int(let number) where field.kind == .enumeration:
            let name = field.enumValues.first { Int64($0.number) == number }?.name
            output += name.map(quoted) ?? String(number)
        case .int(let number): output += String(number)
        case .uint(let number): output += String(number)
        case .double(let number): output += number.isFinite ? "\(number)" : quoted("\(number)")
        case .bool(let flag): output += flag ? "true" : "false"
        case .string(let text): output += quoted(text)
        case .bytes(let bytes): output += quoted(Data(bytes).base64EncodedString())
        }
    }

    private func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20: result += String(format: "\\u%04x", control.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
