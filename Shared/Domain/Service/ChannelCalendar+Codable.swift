// `channel` and `country` beside the `OpeningHours` fields, in one flat message.
extension ChannelCalendar: Codable {
    enum CodingKeys: String, CodingKey {
        case channel, country
    }

    /// Decodes a wire `ChannelCalendar`.
    ///
    /// - Parameters:
    ///   - decoder: Holds `channel`, `country` and the hours fields.
    /// - Throws: `DomainError.invalid` for a field that breaks its rule; decoding
    ///   errors otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            channel: container.decode(Channel.self, forKey: .channel),
            country: container.decode(Country.self, forKey: .country),
            hours: OpeningHours(from: decoder))
    }

    /// Encodes a wire `ChannelCalendar`.
    ///
    /// - Parameters:
    ///   - encoder: Receives `channel`, `country` and the hours fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(country, forKey: .country)
        try hours.encode(to: encoder)
    }
}
