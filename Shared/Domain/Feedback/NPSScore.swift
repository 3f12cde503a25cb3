/// An answer to "How likely are you to recommend us?": a whole number 0...10.
/// A score of 0 is a real answer, not "unset".
///
/// Codable as the plain number.
public struct NPSScore: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The valid answers.
    public static let range: ClosedRange<Int> = 0...10

    /// The answer, 0...10.
    public let value: Int

    /// A score from a customer's answer.
    ///
    /// - Parameters:
    ///   - value: The answer; must be in 0...10.
    ///   - field: The field name to report when the answer is out of range.
    /// - Throws: `DomainError.invalid` naming `field` when `value` is outside 0...10.
    public init(_ value: Int, field: String = "score") throws(DomainError) {
        guard Self.range.contains(value) else {
            throw .invalid(field: field, reason: "must be 0...10, got \(value)")
        }
        self.value = value
    }

    /// Promoter (9-10), passive (7-8) or detractor (0-6).
    public var category: NPSCategory { NPSCategory(self) }

    /// Orders by value.
    public static func < (lhs: NPSScore, rhs: NPSScore) -> Bool { lhs.value < rhs.value }

    /// The number, e.g. "9".
    public var description: String { String(value) }

    /// Decodes the plain number.
    ///
    /// - Parameters:
    ///   - decoder: Holds an integer.
    /// - Throws: `DomainError.invalid` naming the coding path when out of range.
    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        try self.init(value, field: Validation.fieldName(decoder.codingPath, fallback: "score"))
    }

    /// Encodes the plain number.
    ///
    /// - Parameters:
    ///   - encoder: Receives an integer.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
