import Foundation

/// Turns an `Encodable` value into a `WireRecord`: coding keys are field names,
/// `nil` optionals are left out (unset), arrays become lists, `[UInt8]` and `Data`
/// become bytes. Which wire type a number takes is the schema's business.
public enum WireEncoder {
    /// - Throws: `WireError.invalidValue` when the value is not a keyed message.
    public static func record<T: Encodable>(from value: T) throws -> WireRecord {
        guard case .message(let record) = try encodeValue(value, path: []) else {
            throw WireError.invalidValue(field: "", reason: "\(T.self) does not encode as a message")
        }
        return record
    }

    static func encodeValue<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> WireValue {
        // Compare static types: an empty array of any element type casts to [UInt8].
        if T.self == [UInt8].self { return .bytes(value as! [UInt8]) }
        if T.self == Data.self { return .bytes([UInt8](value as! Data)) }
        let encoder = NodeEncoder(codingPath: path)
        try value.encode(to: encoder)
        return encoder.node.value
    }
}

/// A value under construction: containers hand out references so nested
/// containers can keep writing after they were returned.
final class Node {
    enum Content {
        case empty
        case value(WireValue)
        case record([String: Node])
        case list([Node])
    }
    var content = Content.empty

    var value: WireValue {
        switch content {
        case .empty: .message([:])
        case .value(let value): value
        case .record(let fields): .message(fields.mapValues(\.value))
        case .list(let items): .list(items.map(\.value))
        }
    }

    func child(_ key: String) -> Node {
        var fields: [String: Node] = [:]
        if case .record(let existing) = content { fields = existing }
        let node = Node()
        fields[key] = node
        content = .record(fields)
        return node
    }

    func append() -> Node {
        var items: [Node] = []
        if case .list(let existing) = content { items = existing }
        let node = Node()
        items.append(node)
        content = .list(items)
        return node
    }
}

struct NodeEncoder: Encoder {
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let node: Node

    init(codingPath: [any CodingKey], node: Node = Node()) {
        self.codingPath = codingPath
        self.node = node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .record = node.content {} else { node.content = .record([:]) }
        return KeyedEncodingContainer(KeyedWireEncoding<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = node.content {} else { node.content = .list([]) }
        return UnkeyedWireEncoding(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleWireEncoding(node: node, codingPath: codingPath)
    }
}

/// Maps Swift scalars to wire values; shared by every container kind.
func scalarValue<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> WireValue {
    switch value {
    case let value as Bool: .bool(value)
    case let value as String: .string(value)
    case let value as Double: .double(value)
    case let value as Float: .double(Double(value))
    case let value as Int: .int(Int64(value))
    case let value as Int8: .int(Int64(value))
    case let value as Int16: .int(Int64(value))
    case let value as Int32: .int(Int64(value))
    case let value as Int64: .int(value)
    case let value as UInt: .uint(UInt64(value))
    case let value as UInt8: .uint(UInt64(value))
    case let value as UInt16: .uint(UInt64(value))
    case let value as UInt32: .uint(UInt64(value))
    case let value as UInt64: .uint(value)
    default: try WireEncoder.encodeValue(value, path: path)
    }
}

struct KeyedWireEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.child(key.stringValue).content = .value(try scalarValue(value, path: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(codingPath: codingPath + [key], node: node.child(key.stringValue)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(codingPath: codingPath + [key], node: node.child(key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(codingPath: codingPath, node: node) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(codingPath: codingPath + [key], node: node.child(key.stringValue))
    }
}

struct UnkeyedWireEncoding: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int {
        if case .list(let items) = node.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws {
        throw WireError.invalidValue(field: pathString(codingPath), reason: "lists cannot hold nil")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        node.append().content = .value(try scalarValue(value, path: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(codingPath: codingPath + [IndexKey(count)], node: node.append()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(codingPath: codingPath + [IndexKey(count)], node: node.append()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(codingPath: codingPath + [IndexKey(count)], node: node.append())
    }
}

struct SingleWireEncoding: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .empty }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .value(try scalarValue(value, path: codingPath))
    }
}

/// The coding key of a list element.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "[\(intValue ?? 0)]" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// `customer.orders[2].id` style paths for error messages.
func pathString(_ path: [any CodingKey]) -> String {
    path.reduce(into: "") { result, key in
        if key is IndexKey { result += key.stringValue } else { result = join(result, key.stringValue) }
    }
}
