import CProtobufC
import Glibc

/// Builds a generated protobuf-c struct from a `WireRecord`, field by field at the
/// offsets the descriptor gives. Everything is allocated with `malloc`, so
/// `protobuf_c_message_free_unpacked(message, nil)` frees the whole tree, also after
/// a failure half-way (counts only ever cover filled elements).
enum CMessageWriter {
    /// - Throws: `WireError.unknownField` or `.invalidValue` naming the field path.
    static func build(_ record: WireRecord, schema: MessageSchema, path: String = "")
        throws -> UnsafeMutablePointer<ProtobufCMessage>
    {
        let raw = malloc(schema.descriptor.pointee.sizeof_message)!
        glim_message_init(schema.descriptor, raw)
        let message = raw.assumingMemoryBound(to: ProtobufCMessage.self)
        do {
            for (name, value) in record {
                guard let field = schema.field(named: name) else {
                    throw WireError.unknownField(message: schema.fullName, field: join(path, name))
                }
                try write(value, into: field, of: raw, path: join(path, name))
            }
        } catch {
            protobuf_c_message_free_unpacked(message, nil)
            throw error
        }
        return message
    }

    private static func write(
        _ value: WireValue, into field: FieldSchema, of message: UnsafeMutableRawPointer, path: String
    ) throws {
        if field.isRepeated {
            guard case .list(let items) = value else {
                throw WireError.invalidValue(field: path, reason: "expected a list")
            }
            guard !items.isEmpty else { return }
            let size = field.kind.storageSize
            let array = calloc(items.count, size)!
            message.storeBytes(of: array, toByteOffset: field.offset, as: UnsafeMutableRawPointer.self)
            let count = message + field.countOffset
            for (index, item) in items.enumerated() {
                try store(item, as: field, at: array + index * size, path: "\(path)[\(index)]")
                count.storeBytes(of: index + 1, as: Int.self)
            }
            return
        }
        try store(value, as: field, at: message + field.offset, path: path)
        switch field.presence {
        case .hasFlag(let offset):
            message.storeBytes(of: protobuf_c_boolean(1), toByteOffset: offset, as: protobuf_c_boolean.self)
        case .oneofCase(let offset):
            message.storeBytes(of: field.number, toByteOffset: offset, as: UInt32.self)
        case .pointer, .always:
            break
        }
    }

    private static func store(
        _ value: WireValue, as field: FieldSchema, at slot: UnsafeMutableRawPointer, path: String
    ) throws {
        switch field.kind {
        case .int32, .sint32, .sfixed32: slot.storeBytes(of: try integer(value, Int32.self, path), as: Int32.self)
        case .uint32, .fixed32: slot.storeBytes(of: try integer(value, UInt32.self, path), as: UInt32.self)
        case .int64, .sint64, .sfixed64: slot.storeBytes(of: try integer(value, Int64.self, path), as: Int64.self)
        case .uint64, .fixed64: slot.storeBytes(of: try integer(value, UInt64.self, path), as: UInt64.self)
        case .float: slot.storeBytes(of: Float(try floating(value, path)), as: Float.self)
        case .double: slot.storeBytes(of: try floating(value, path), as: Double.self)
        case .enumeration:
            let number = try integer(value, Int32.self, path)
            guard field.enumDeclares(number) else {
                throw WireError.invalidValue(field: path, reason: "\(number) is not a declared value")
            }
            slot.storeBytes(of: number, as: Int32.self)
        case .bool:
            guard case .bool(let flag) = value else { throw mismatch(path, "a bool") }
            slot.storeBytes(of: protobuf_c_boolean(flag ? 1 : 0), as: protobuf_c_boolean.self)
        case .string:
            guard case .string(let text) = value else { throw mismatch(path, "a string") }
            guard !text.utf8.contains(0) else {
                throw WireError.invalidValue(field: path, reason: "contains a NUL character")
            }
            slot.storeBytes(of: strdup(text)!, as: UnsafeMutablePointer<CChar>.self)
        case .bytes:
            guard case .bytes(let bytes) = value else { throw mismatch(path, "bytes") }
            let data = malloc(max(bytes.count, 1))!.assumingMemoryBound(to: UInt8.self)
            bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: $0.count) }
            slot.storeBytes(of: ProtobufCBinaryData(len: bytes.count, data: data), as: ProtobufCBinaryData.self)
        case .message:
            guard case .message(let record) = value else { throw mismatch(path, "a message") }
            let nested = MessageSchema.named(field.messageName!)!
            let child = try build(record, schema: nested, path: path)
            slot.storeBytes(of: child, as: UnsafeMutablePointer<ProtobufCMessage>.self)
        }
    }

    private static func integer<T: FixedWidthInteger>(_ value: WireValue, _: T.Type, _ path: String) throws -> T {
        let converted: T? =
            switch value {
            case .int(let number): T(exactly: number)
            case .uint(let number): T(exactly: number)
            default: throw mismatch(path, "an integer")
            }
        guard let converted else {
            throw WireError.invalidValue(field: path, reason: "out of range for \(T.self)")
        }
        return converted
    }

    private static func floating(_ value: WireValue, _ path: String) throws -> Double {
        switch value {
        case .double(let number): number
        case .int(let number): Double(number)
        case .uint(let number): Double(number)
        default: throw mismatch(path, "a number")
        }
    }

    private static func mismatch(_ path: String, _ expected: String) -> WireError {
        .invalidValue(field: path, reason: "expected \(expected)")
    }
}

/// `parent.child` paths for error messages.
func join(_ path: String, _ name: String) -> String {
    path.isEmpty ? name : "\(path).\(name)"
}
