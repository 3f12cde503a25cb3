import CProtobufC
import Glibc

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
    /// - Parameter maxItems: the most elements any repeated field may hold (nil: no
    ///   cap); requests are decoded with `WireCodec.maxRequestItems`.
    /// - Throws: `WireError.malformed` for bytes that are not a valid encoding
    ///   (truncated, bad tag or wire type), `.invalidValue` for a string that is not
    ///   UTF-8 or holds a NUL, or a repeated field over `maxItems`.
    public static func decode(_ bytes: some Collection<UInt8>, as schema: MessageSchema, maxItems: Int? = nil)
        throws -> WireRecord
    {
        let unpacked =
            bytes.withContiguousStorageIfAvailable { buffer in
                protobuf_c_message_unpack(schema.descriptor, allocator, buffer.count, buffer.baseAddress ?? emptyInput)
            }
            ?? Array(bytes).withUnsafeBufferPointer { buffer in
                protobuf_c_message_unpack(schema.descriptor, allocator, buffer.count, buffer.baseAddress ?? emptyInput)
            }
        guard let unpacked else { throw WireError.malformed(message: schema.fullName) }
        defer { protobuf_c_message_free_unpacked(unpacked, allocator) }
        return try CMessageReader.read(unpacked, schema: schema, maxItems: maxItems)
    }

    /// The most elements a repeated field of a request may hold: more is
    /// INVALID_ARGUMENT naming the field and this cap, before any handler runs.
    public static let maxRequestItems = 1000

    /// The allocator every unpack here uses (and its `free_unpacked` must get):
    /// it lets `string(_:field:)` see a NUL inside a string.
    public static var allocator: UnsafeMutablePointer<ProtobufCAllocator> { glim_sized_allocator() }

    /// The Swift string of a string field unpacked with `allocator`.
    /// - Throws: `WireError.invalidValue` naming `field` when the wire string held a
    ///   NUL (a C string would end there and silently lose the rest) or is not UTF-8.
    public static func string(_ text: UnsafePointer<CChar>, field: String) throws -> String {
        guard strlen(text) + 1 == glim_sized_block_size(text) else {
            throw WireError.invalidValue(field: field, reason: "contains a NUL character")
        }
        guard let string = String(validatingCString: text) else {
            throw WireError.invalidValue(field: field, reason: "not valid UTF-8")
        }
        return string
    }
}

/// A valid pointer for zero-length input (protobuf-c never reads through it).
nonisolated(unsafe) private let emptyInput = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
