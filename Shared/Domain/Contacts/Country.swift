import Foundation

/// A country by ISO 3166-1 alpha-2 code, e.g. "NL". Any well-formed code is a
/// `Country`; the known ones also have a default time zone (`defaultTimeZone`).
///
/// Codable as the plain code string.
public struct Country: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The two uppercase letters, e.g. "BE".
    public let code: String

    /// A country from its alpha-2 code.
    ///
    /// - Parameters:
    ///   - code: Two uppercase ASCII letters. Lowercase is refused, not corrected, so
    ///     stored codes have one spelling.
    ///   - field: The field name to report when the code is malformed.
    /// - Throws: `DomainError.invalid` when `code` is not two uppercase letters.
    public init(_ code: String, field: String = "country") throws(DomainError) {
        try Validation.uppercaseCode(code, field: field, length: 2)
        self.code = code
    }

    private init(known code: String) { self.code = code }

    /// The Netherlands (NL), Europe/Amsterdam.
    public static let netherlands = Country(known: "NL")
    /// Belgium (BE), Europe/Brussels.
    public static let belgium = Country(known: "BE")

    /// The time zone day boundaries and opening hours use when nothing else is set,
    /// or nil for a country not in `Country.knownTimeZones`.
    public var defaultTimeZone: TimeZone? {
        Self.knownTimeZones[code].flatMap(TimeZone.init(identifier:))
    }

    /// IANA zone per country code for the countries customers and partner sites are
    /// in. Single-zone countries only; add a line to support another country.
    public static let knownTimeZones: [String: String] = [
        "NL": "Europe/Amsterdam",
        "BE": "Europe/Brussels",
        "LU": "Europe/Luxembourg",
        "DE": "Europe/Berlin",
        "FR": "Europe/Paris",
        "GB": "Europe/London",
        "IE": "Europe/Dublin",
        "PT": "Europe/Lisbon",
        "PL": "Europe/Warsaw",
        "AT": "Europe/Vienna",
        "CH": "Europe/Zurich",
    ]

    /// Orders by code.
    public static func < (lhs: Country, rhs: Country) -> Bool { lhs.code < rhs.code }

    /// The code, e.g. "NL".
    public var description: String { code }

    /// Decodes the plain code string.
    ///
    /// - Parameters:
    ///   - decoder: Holds a string.
    /// - Throws: `DomainError.invalid` naming the coding path for a malformed code.
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        try self.init(code, field: Validation.fieldName(decoder.codingPath, fallback: "country"))
    }

    /// Encodes the plain code string.
    ///
    /// - Parameters:
    ///   - encoder: Receives a string.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
