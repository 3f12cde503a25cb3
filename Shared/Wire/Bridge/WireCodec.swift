import CProtobufC

/// Encodes and decodes message bytes with libprotobuf-c: Swift never writes or
/// parses wire bytes itself.
public enum WireCodec {
    /// Packs `record` as a `schema` message.
    /// - Throws: `WireError.unknownField` / `.invalidValue` naming the field.
    public static func encode(_ record: WireRecord, as schema: MessageSchema) throws -> [UInt8] {
        let message = try CMessageWriter.build(record, schema: schema)
        defer { protobuf_c_message_free_unpacked(message, nil) }
        let size = protobuf_c_message_get_packed_size(message)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = protobuf_c_message_pack(message, buffer.baseAddress)
        }
    }

    /// Unpacks `bytes` as a `schema` message.
    /// - Throws: `WireError.malformed` for bytes that are not a valid encoding
    ///   (truncated, bad tag or wire type), `.invalidValue` for a string that is not UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>, as schema: MessageSchema) throws -> WireRecord {
        let unpacked = bytes.withContiguousStorageIfAvailable { buffer in
            protobuf_c_message_unpack(schema.descriptor, nil, buffer.count, buffer.baseAddress ?? emptyInput)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            protobuf_c_message_unpack(schema.descriptor, nil, buffer.count, buffer.baseAddress ?? emptyInput)
        }
        guard let unpacked else { throw WireError.malformed(message: schema.fullName) }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        return try CMessageReader.read(unpacked, schema: schema)
    }
}

/// A valid pointer for zero-length input (protobuf-c never reads through it).
nonisolated(unsafe) private let emptyInput = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
