import Domain

// The wire shape of `glimlach.Money`: `{minor_units, currency}`, the currency as its
// ISO 4217 code.
extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case minorUnits = "minor_units"
        case currency
    }

    /// Decodes `{minor_units, currency}`.
    ///
    /// - Parameters:
    ///   - decoder: Holds the wire fields.
    /// - Throws: `DomainError.invalid` naming the currency's path for a code that is
    ///   not one; decoding errors for a missing field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            minorUnits: try container.decode(Int64.self, forKey: .minorUnits),
            currency: try container.decode(Currency.self, forKey: .currency))
    }

    /// Encodes `{minor_units, currency}`.
    ///
    /// - Parameters:
    ///   - encoder: Receives the wire fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minorUnits, forKey: .minorUnits)
        try container.encode(currency, forKey: .currency)
    }
}
