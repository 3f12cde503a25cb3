/// What kind of entity an `ID` names; the tag only exists at compile time, so an
/// `EmployeeID` cannot be passed where a `TicketID` is expected.
public protocol IDTag: Sendable {
    /// Start of generated ids, e.g. "emp" gives "emp-3f9a0c1d2e4b5a69".
    static var prefix: String { get }
    /// The field name validation errors report by default, e.g. "employee_id".
    static var field: String { get }
}

/// An entity id: 1...64 characters of `A-Z a-z 0-9 . _ : -`. Ids from other systems
/// are accepted as they are; new ones come from `random()`.
///
/// Codable as the plain string.
public struct ID<Tag: IDTag>: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Longest accepted id, in characters.
    public static var maxLength: Int { Validation.idMaxLength }

    /// The id as stored and sent.
    public let rawValue: String

    /// An id from its text.
    ///
    /// - Parameters:
    ///   - rawValue: 1...64 characters of `A-Z a-z 0-9 . _ : -`.
    ///   - field: The field name to report; defaults to the tag's, e.g. "ticket_id".
    /// - Throws: `DomainError.invalid` when empty, too long or with other characters.
    public init(_ rawValue: String, field: String = Tag.field) throws(DomainError) {
        try Validation.id(rawValue, field: field)
        self.rawValue = rawValue
    }

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    /// A new id: the tag's prefix, a dash and 16 random hex digits.
    public static func random() -> ID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new id from `generator` (seeded generators make tests repeatable).
    ///
    /// - Parameters:
    ///   - generator: The source of the 64 random bits.
    public static func random(using generator: inout some RandomNumberGenerator) -> ID {
        let hex = String(generator.next() as UInt64, radix: 16)
        return ID(unchecked: Tag.prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// Orders by text.
    public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The id's text.
    public var description: String { rawValue }

    /// Decodes the plain string.
    ///
    /// - Parameters:
    ///   - decoder: Holds a string.
    /// - Throws: `DomainError.invalid` naming the coding path for a malformed id.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: Validation.fieldName(decoder.codingPath, fallback: Tag.field))
    }

    /// Encodes the plain string.
    ///
    /// - Parameters:
    ///   - encoder: Receives a string.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
