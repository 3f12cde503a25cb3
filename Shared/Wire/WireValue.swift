/// A message's content as plain Swift values, keyed by field name: what the bridge
/// to protobuf-c reads and writes. An absent key is an unset field; a repeated field
/// is a `.list`.
public typealias WireRecord = [String: WireValue]

/// One field's value, independent of its exact wire type (the schema decides that).
public enum WireValue: Sendable, Equatable {
    /// Signed integers and enum numbers.
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    case message(WireRecord)
    case list([WireValue])
}
