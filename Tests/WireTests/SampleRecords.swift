import Wire

/// A record that sets every field of `schema` (nested messages to `depth`), with
/// values that exercise each kind's edges: negative and maximal numbers, non-ASCII
/// text, empty and binary bytes, several list elements.
func fullRecord(_ schema: MessageSchema, depth: Int = 2) -> WireRecord {
    var record = WireRecord()
    for (index, field) in schema.fields.enumerated() {
        let sample: WireValue?
        switch field.kind {
        case .int32, .sint32, .sfixed32: sample = .int(index.isMultiple(of: 2) ? -7 : Int64(Int32.max))
        case .int64, .sint64, .sfixed64: sample = .int(-1_700_000_000_000 - Int64(index))
        case .uint32, .fixed32: sample = .uint(UInt64(UInt32.max))
        case .uint64, .fixed64: sample = .uint(UInt64.max - UInt64(index))
        case .float: sample = .double(0.5)
        case .double: sample = .double(-1234.25)
        case .bool: sample = .bool(true)
        case .enumeration: sample = field.enumValues.last.map { .int(Int64($0.number)) }
        case .string: sample = .string("Glimlach \(field.name) 😊 één")
        case .bytes: sample = .bytes([0, 1, 2, 254, 255])
        case .message:
            sample = depth > 0 ? .message(fullRecord(MessageSchema.named(field.messageName!)!, depth: depth - 1)) : nil
        }
        guard let sample else { continue }
        record[field.name] = field.isRepeated ? .list([sample, sample]) : sample
    }
    return record
}

/// What decoding gives back for `record`: every repeated field present as a list.
func normalized(_ record: WireRecord, _ schema: MessageSchema) -> WireRecord {
    var result = record
    for field in schema.fields {
        if field.isRepeated, result[field.name] == nil { result[field.name] = .list([]) }
        if field.kind == .message, let value = result[field.name] {
            let nested = MessageSchema.named(field.messageName!)!
            switch value {
            case .message(let inner): result[field.name] = .message(normalized(inner, nested))
            case .list(let items):
                result[field.name] = .list(
                    items.map {
                        guard case .message(let inner) = $0 else { return $0 }
                        return .message(normalized(inner, nested))
                    })
            default: break
            }
        }
    }
    return result
}
