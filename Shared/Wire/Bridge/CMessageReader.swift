import CProtobufC

/// Reads a protobuf-c struct (as `protobuf_c_message_unpack` returns it) into a
/// `WireRecord`: unset fields are left out, repeated fields are always a `.list`.
enum CMessageReader {
    /// - Throws: `WireError.invalidValue` when a string is not valid UTF-8 or an
    ///   enum number is not one the contract declares.
    ///   Also `.invalidValue` for a string with a NUL inside, and for a repeated field
    ///   with more than `maxItems` elements.
    static func read(
        _ message: UnsafePointer<ProtobufCMessage>, schema: MessageSchema, path: String = "", maxItems: Int? = nil
    ) throws -> WireRecord {
        let raw = UnsafeRawPointer(message)
        var record = WireRecord(minimumCapacity: schema.fields.count)
        for field in schema.fields {
            let fieldPath = join(path, field.name)
            if field.isRepeated {
                let count = raw.load(fromByteOffset: field.countOffset, as: Int.self)
                if let maxItems, count > maxItems {
                    throw WireError.invalidValue(field: fieldPath, reason: "at most \(maxItems) items, got \(count)")
                }
                var items: [WireValue] = []
                items.reserveCapacity(count)
                if count > 0, let array = raw.load(fromByteOffset: field.offset, as: UnsafeRawPointer?.self) {
                    for index in 0..<count {
                        let slot = array + index * field.kind.storageSize
                        if let item = try load(field, at: slot, path: "\(fieldPath)[\(index)]", maxItems: maxItems) {
                            items.append(item)
                        }
                    }
                }
                record[field.name] = .list(items)
            } else if isSet(field, in: raw),
                let value = try load(field, at: raw + field.offset, path: fieldPath, maxItems: maxItems)
            {
                record[field.name] = value
            }
        }
        return record
    }

    private static func isSet(_ field: FieldSchema, in message: UnsafeRawPointer) -> Bool {
        switch field.presence {
        case .hasFlag(let offset): message.load(fromByteOffset: offset, as: protobuf_c_boolean.self) != 0
        case .oneofCase(let offset): message.load(fromByteOffset: offset, as: UInt32.self) == field.number
        case .pointer, .always: true
        }
    }

    /// The value in `slot`, or nil for a NULL string or message pointer.
    private static func load(_ field: FieldSchema, at slot: UnsafeRawPointer, path: String, maxItems: Int?) throws
        -> WireValue?
    {
        switch field.kind {
        case .int32, .sint32, .sfixed32: return .int(Int64(slot.load(as: Int32.self)))
        case .enumeration:
            // protobuf-c keeps any number; the contract's enums are closed, as the writer's are.
            let number = slot.load(as: Int32.self)
            guard field.enumDeclares(number) else {
                throw WireError.invalidValue(field: path, reason: "\(number) is not a declared value")
            }
            return .int(Int64(number))
        case .int64, .sint64, .sfixed64: return .int(slot.load(as: Int64.self))
        case .uint32, .fixed32: return .uint(UInt64(slot.load(as: UInt32.self)))
        case .uint64, .fixed64: return .uint(slot.load(as: UInt64.self))
        case .float: return .double(Double(slot.load(as: Float.self)))
        case .double: return .double(slot.load(as: Double.self))
        case .bool: return .bool(slot.load(as: protobuf_c_boolean.self) != 0)
        case .string:
            guard let text = slot.load(as: UnsafePointer<CChar>?.self) else { return nil }
            return .string(try WireCodec.string(text, field: path))
        case .bytes:
            let data = slot.load(as: ProtobufCBinaryData.self)
            guard data.len > 0, let bytes = data.data else { return .bytes([]) }
            return .bytes(Array(UnsafeBufferPointer(start: bytes, count: data.len)))
        case .message:
            guard let child = slot.load(as: UnsafePointer<ProtobufCMessage>?.self) else { return nil }
            let schema = MessageSchema.named(field.messageName!)!
            return .message(try read(child, schema: schema, path: path, maxItems: maxItems))
        }
    }
}
