/// A Swift type that crosses the wire as a message of the contract in proto/.
///
/// Conform a `Codable` struct whose coding keys are the proto field names and name
/// the message; encoding and decoding then go through libprotobuf-c:
///
/// ```swift
/// struct HealthReply: WireMessage {
///     static let messageName = "glimlach.HealthReply"
///     var service: String
///     var uptime_ms: UInt64?
/// }
/// let bytes = try reply.wireBytes()
/// let back = try HealthReply(wireBytes: bytes)
/// ```
///
/// Optional properties map to fields that may be unset; a non-optional property
/// whose field is unset fails decoding with `WireError.missingField`.
public protocol WireMessage: Codable, Sendable {
    /// The full protobuf name, e.g. `glimlach.HealthReply`.
    static var messageName: String { get }
}

extension WireMessage {
    /// The message's schema. A name missing from proto/ is a programming error.
    public static var schema: MessageSchema {
        guard let schema = MessageSchema.named(messageName) else {
            preconditionFailure("\(messageName) is not a message of proto/")
        }
        return schema
    }

    /// The protobuf encoding of the value.
    /// - Throws: `WireError` when a property does not fit its field.
    public func wireBytes() throws -> [UInt8] {
        try WireCodec.encode(WireEncoder.record(from: self), as: Self.schema)
    }

    /// Decodes a value from protobuf bytes.
    /// - Throws: `WireError.malformed` for invalid bytes, `.missingField` or
    ///   `.invalidValue` naming the field when the content does not fit the type.
    public init(wireBytes bytes: some Collection<UInt8>) throws {
        self = try WireDecoder.decode(Self.self, from: WireCodec.decode(bytes, as: Self.schema))
    }

    /// Decodes a value from protobuf bytes that came from outside, a request: no
    /// repeated field may hold more than `maxItems` elements.
    /// - Throws: as `init(wireBytes:)`, and `.invalidValue` naming a repeated field
    ///   over the cap.
    public init(wireBytes bytes: some Collection<UInt8>, maxItems: Int) throws {
        self = try WireDecoder.decode(Self.self, from: WireCodec.decode(bytes, as: Self.schema, maxItems: maxItems))
    }
}
