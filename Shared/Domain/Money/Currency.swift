/// A currency by ISO 4217 code, e.g. "EUR".
///
/// Codable as the plain code string.
public struct Currency: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Three uppercase letters.
    public let code: String

    /// A currency from its code.
    ///
    /// - Parameters:
    ///   - code: Three uppercase ASCII letters.
    ///   - field: The field name to report when the code is malformed.
    /// - Throws: `DomainError.invalid` when `code` is not three uppercase letters.
    public init(_ code: String, field: String = "currency") throws(DomainError) {
        try Validation.uppercaseCode(code, field: field, length: 3)
        self.code = code
    }

    private init(known code: String) { self.code = code }

    /// Euro.
    public static let eur = Currency(known: "EUR")
    /// US dollar.
    public static let usd = Currency(known: "USD")
    /// Pound sterling.
    public static let gbp = Currency(known: "GBP")

    /// Digits after the decimal point of one minor unit: 2 for EUR (cents), 0 for JPY,
    /// 3 for KWD. ISO 4217's exceptions to 2 are listed; every other code uses 2.
    public var minorUnitDigits: Int {
        switch code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
            "XAF", "XOF", "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// The sign written before amounts ("€"), or nil where the code is clearer.
    public var symbol: String? {
        switch code {
        case "EUR": "€"
        case "USD": "$"
        case "GBP": "£"
        default: nil
        }
    }

    /// Orders by code.
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// The code, e.g. "EUR".
    public var description: String { code }

    /// Decodes the plain code string.
    ///
    /// - Parameters:
    ///   - decoder: Holds a string.
    /// - Throws: `DomainError.invalid` naming the coding path for a malformed code.
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        try self.init(code, field: Validation.fieldName(decoder.codingPath, fallback: "currency"))
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
