import CProtobufC

/// One field of a message, read from its protobuf-c field descriptor: where the
/// value lives inside the generated C struct and how its presence is recorded.
public struct FieldSchema: @unchecked Sendable {
    /// The field's scalar or composite type.
    public enum Kind: Sendable, Equatable {
        case int32, sint32, sfixed32, int64, sint64, sfixed64
        case uint32, fixed32, uint64, fixed64
        case float, double, bool, enumeration, string, bytes, message
    }

    /// How the C struct records whether a singular field is set.
    enum Presence {
        /// A `protobuf_c_boolean has_<name>` at the quantifier offset (proto2 scalars, bytes).
        case hasFlag(Int)
        /// A shared `<oneof>_case` at the quantifier offset holding the set field's number.
        case oneofCase(Int)
        /// A pointer that is NULL when unset (strings, messages).
        case pointer
        /// Always set (proto3 implicit presence).
        case always
    }

    public let name: String
    public let number: UInt32
    public let kind: Kind
    public let isRepeated: Bool
    /// Full name of the message type of a `.message` field.
    public let messageName: String?
    /// Full name of the enum type of an `.enumeration` field.
    public var enumName: String? { enumDescriptor.map { String(cString: $0.pointee.name) } }
    let presence: Presence
    let offset: Int
    /// For repeated fields: where the element count (`size_t n_<name>`) lives.
    let countOffset: Int
    let enumDescriptor: UnsafePointer<ProtobufCEnumDescriptor>?

    init(_ field: ProtobufCFieldDescriptor) {
        name = String(cString: field.name)
        number = field.id
        kind = Kind(field.type)
        isRepeated = field.label == PROTOBUF_C_LABEL_REPEATED
        offset = Int(field.offset)
        countOffset = Int(field.quantifier_offset)
        let nested = field.descriptor
        messageName =
            kind == .message
            ? String(cString: nested!.assumingMemoryBound(to: ProtobufCMessageDescriptor.self).pointee.name)
            : nil
        enumDescriptor =
            kind == .enumeration ? nested?.assumingMemoryBound(to: ProtobufCEnumDescriptor.self) : nil
        if field.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 {
            presence = .oneofCase(Int(field.quantifier_offset))
        } else if kind == .string || kind == .message {
            presence = .pointer
        } else if field.label == PROTOBUF_C_LABEL_OPTIONAL {
            presence = .hasFlag(Int(field.quantifier_offset))
        } else {
            presence = .always
        }
    }

    /// Whether `value` is a number the field's enum declares.
    func enumDeclares(_ value: Int32) -> Bool {
        guard let enumDescriptor else { return true }
        return protobuf_c_enum_descriptor_get_value(enumDescriptor, value) != nil
    }

    /// The names and numbers of the field's enum values, in declaration order.
    public var enumValues: [(name: String, number: Int32)] {
        guard let enumDescriptor else { return [] }
        let descriptor = enumDescriptor.pointee
        return (0..<Int(descriptor.n_values)).map { index in
            let value = descriptor.values[index]
            return (String(cString: value.name), value.value)
        }
    }
}

extension FieldSchema.Kind {
    init(_ type: ProtobufCType) {
        switch type {
        case PROTOBUF_C_TYPE_INT32: self = .int32
        case PROTOBUF_C_TYPE_SINT32: self = .sint32
        case PROTOBUF_C_TYPE_SFIXED32: self = .sfixed32
        case PROTOBUF_C_TYPE_INT64: self = .int64
        case PROTOBUF_C_TYPE_SINT64: self = .sint64
        case PROTOBUF_C_TYPE_SFIXED64: self = .sfixed64
        case PROTOBUF_C_TYPE_UINT32: self = .uint32
        case PROTOBUF_C_TYPE_FIXED32: self = .fixed32
        case PROTOBUF_C_TYPE_UINT64: self = .uint64
        case PROTOBUF_C_TYPE_FIXED64: self = .fixed64
        case PROTOBUF_C_TYPE_FLOAT: self = .float
        case PROTOBUF_C_TYPE_DOUBLE: self = .double
        case PROTOBUF_C_TYPE_BOOL: self = .bool
        case PROTOBUF_C_TYPE_ENUM: self = .enumeration
        case PROTOBUF_C_TYPE_STRING: self = .string
        case PROTOBUF_C_TYPE_BYTES: self = .bytes
        default: self = .message
        }
    }

    /// Bytes one value takes inside the C struct or a repeated field's array.
    var storageSize: Int {
        switch self {
        case .int32, .sint32, .sfixed32, .uint32, .fixed32, .float, .enumeration: 4
        case .bool: MemoryLayout<protobuf_c_boolean>.size
        case .int64, .sint64, .sfixed64, .uint64, .fixed64, .double: 8
        case .string, .message: MemoryLayout<UnsafeMutableRawPointer>.size
        case .bytes: MemoryLayout<ProtobufCBinaryData>.size
        }
    }
}
