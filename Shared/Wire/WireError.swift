/// Why a value could not cross the wire.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a valid encoding of the named message (truncated, bad tag,
    /// wrong wire type, length past the end).
    case malformed(message: String)
    /// A field's value does not fit its declared type (a string into an int32 field,
    /// a number out of the field's range, an enum number the contract does not know).
    case invalidValue(field: String, reason: String)
    /// A field the receiving type needs was not set.
    case missingField(String)
    /// The Swift type names a field the message descriptor does not have.
    case unknownField(message: String, field: String)

    public var description: String {
        switch self {
        case .malformed(let message): "malformed \(message): the bytes are not a valid encoding"
        case .invalidValue(let field, let reason): "field '\(field)': \(reason)"
        case .missingField(let field): "field '\(field)' is required"
        case .unknownField(let message, let field): "\(message) has no field '\(field)'"
        }
    }

    /// The field the error is about, when there is one.
    public var field: String? {
        switch self {
        case .invalidValue(let field, _), .missingField(let field): field
        case .unknownField(_, let field): field
        case .malformed: nil
        }
    }
}
