import Bus
import Foundation

/// Checks on request fields that answer INVALID_ARGUMENT naming the field, as
/// proto/README.md promises: `name: must be set`.
public enum Fields {
    /// The value of a field the method needs.
    public static func required<T>(_ value: T?, _ field: String) throws(RPCError) -> T {
        guard let value else { throw RPCError.invalidArgument(field: field, "must be set") }
        return value
    }

    /// Text a person wrote: trimmed, not empty, at most `maxLength` characters.
    public static func text(_ value: String?, _ field: String, maxLength: Int = 200) throws(RPCError) -> String {
        let trimmed = try required(value, field).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RPCError.invalidArgument(field: field, "must not be empty") }
        guard trimmed.count <= maxLength else {
            throw RPCError.invalidArgument(
                field: field, "must be at most \(maxLength) characters, got \(trimmed.count)")
        }
        return trimmed
    }

    /// Optional text: nil when unset or blank, else as `text`.
    public static func optionalText(_ value: String?, _ field: String, maxLength: Int = 2000) throws(RPCError)
        -> String?
    {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try text(value, field, maxLength: maxLength)
    }

    /// An enum field that must be set to a real value (not `*_UNSPECIFIED`, raw 0).
    public static func chosen<E: RawRepresentable>(_ value: E?, _ field: String) throws(RPCError) -> E
    where E.RawValue == Int32 {
        let value = try required(value, field)
        guard value.rawValue != 0 else { throw RPCError.invalidArgument(field: field, "must be set") }
        return value
    }
}
