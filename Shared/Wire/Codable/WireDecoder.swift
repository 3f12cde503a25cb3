import Foundation

/// Builds a `Decodable` value from a `WireRecord`. A field the Swift type needs but
/// the record lacks is `WireError.missingField` with its path, so a service answers
/// INVALID_ARGUMENT naming exactly what is missing.
public enum WireDecoder {
    /// - Throws: `WireError.missingField` / `.invalidValue` naming the field path.
    public static func decode<T: Decodable>(_ type: T.Type, from record: WireRecord) throws -> T {
        try decodeValue(type, from: .message(record), path: [])
    }

    static func decodeValue<T: Decodable>(_ type: T.Type, from value: WireValue?, path: [any CodingKey]) throws -> T {
        if T.self == [UInt8].self || T.self == Data.self {
            guard case .bytes(let bytes) = try require(value, path) else { throw mismatch(path, "bytes") }
            return (T.self == Data.self ? Data(bytes) as Any : bytes as Any) as! T
        }
        return try T(from: ValueDecoder(value: value, codingPath: path))
    }
}

private func require(_ value: WireValue?, _ path: [any CodingKey]) throws -> WireValue {
    guard let value else { throw WireError.missingField(pathString(path)) }
    return value
}

private func mismatch(_ path: [any CodingKey], _ expected: String) -> WireError {
    .invalidValue(field: pathString(path), reason: "expected \(expected)")
}

/// Reads Swift scalars out of wire values, converting numbers only when exact.
private func scalar<T: Decodable>(_ type: T.Type, _ value: WireValue?, _ path: [any CodingKey]) throws -> T {
    let value = try require(value, path)
    func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
        let converted: I? =
            switch value {
            case .int(let number): I(exactly: number)
            case .uint(let number): I(exactly: number)
            default: throw mismatch(path, "an integer")
            }
        guard let converted else {
            throw WireError.invalidValue(field: pathString(path), reason: "out of range for \(I.self)")
        }
        return converted
    }
    switch type {
    case is Bool.Type:
        guard case .bool(let flag) = value else { throw mismatch(path, "a bool") }
        return flag as! T
    case is String.Type:
        guard case .string(let text) = value else { throw mismatch(path, "a string") }
        return text as! T
    case is Double.Type, is Float.Type:
        let number: Double =
            switch value {
            case .double(let number): number
            case .int(let number): Double(number)
            case .uint(let number): Double(number)
            default: throw mismatch(path, "a number")
            }
        return (type == Float.self ? Float(number) as Any : number as Any) as! T
    case is Int.Type: return try integer(Int.self) as! T
    case is Int8.Type: return try integer(Int8.self) as! T
    case is Int16.Type: return try integer(Int16.self) as! T
    case is Int32.Type: return try integer(Int32.self) as! T
    case is Int64.Type: return try integer(Int64.self) as! T
    case is UInt.Type: return try integer(UInt.self) as! T
    case is UInt8.Type: return try integer(UInt8.self) as! T
    case is UInt16.Type: return try integer(UInt16.self) as! T
    case is UInt32.Type: return try integer(UInt32.self) as! T
    case is UInt64.Type: return try integer(UInt64.self) as! T
    default: return try WireDecoder.decodeValue(type, from: value, path: path)
    }
}

struct ValueDecoder: Decoder {
    let value: WireValue?
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .message(let record) = try require(value, codingPath) else {
            throw mismatch(codingPath, "a message")
        }
        return KeyedDecodingContainer(KeyedWireDecoding<Key>(record: record, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let items) = value ?? .list([]) else { throw mismatch(codingPath, "a list") }
        return UnkeyedWireDecoding(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleWireDecoding(value: value, codingPath: codingPath)
    }
}

struct KeyedWireDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let record: WireRecord
    let codingPath: [any CodingKey]
    var allKeys: [Key] { record.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { record[key.stringValue] != nil }
    func decodeNil(forKey key: Key) throws -> Bool { record[key.stringValue] == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try scalar(type, record[key.stringValue], codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: record[key.stringValue], codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: record[key.stringValue], codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .message(record), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: record[key.stringValue], codingPath: codingPath + [key])
    }
}

struct UnkeyedWireDecoding: UnkeyedDecodingContainer {
    let items: [WireValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (WireValue, [any CodingKey]) {
        let path = codingPath + [IndexKey(currentIndex)]
        guard !isAtEnd else { throw WireError.missingField(pathString(path)) }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (item, path) = try next()
        return try scalar(type, item, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (item, path) = try next()
        return try ValueDecoder(value: item, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (item, path) = try next()
        return try ValueDecoder(value: item, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (item, path) = try next()
        return ValueDecoder(value: item, codingPath: path)
    }
}

struct SingleWireDecoding: SingleValueDecodingContainer {
    let value: WireValue?
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == nil }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try scalar(type, value, codingPath)
    }
}
