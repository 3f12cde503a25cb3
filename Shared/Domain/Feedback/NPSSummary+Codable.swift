// The wire shape of `glimlach.analytics.NpsRow`'s figures (its `key` aside).
extension NPSSummary {
    enum CodingKeys: String, CodingKey {
        case promoters, passives, detractors, n, nps
        case marginOfError = "margin_of_error"
        case lower, upper
    }

    /// Decodes the three counts.
    ///
    /// - Parameters:
    ///   - decoder: Holds `promoters`, `passives` and `detractors`; unset counts are 0.
    /// - Throws: `DomainError.invalid` for a negative count; decoding errors otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            promoters: container.decodeIfPresent(Int.self, forKey: .promoters) ?? 0,
            passives: container.decodeIfPresent(Int.self, forKey: .passives) ?? 0,
            detractors: container.decodeIfPresent(Int.self, forKey: .detractors) ?? 0)
    }

    /// Encodes the counts and, when there are answers, the figures.
    ///
    /// - Parameters:
    ///   - encoder: Receives the `NpsRow` fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promoters, forKey: .promoters)
        try container.encode(passives, forKey: .passives)
        try container.encode(detractors, forKey: .detractors)
        try container.encode(n, forKey: .n)
        try container.encodeIfPresent(score, forKey: .nps)
        try container.encodeIfPresent(marginOfError, forKey: .marginOfError)
        try container.encodeIfPresent(lowerBound, forKey: .lower)
        try container.encodeIfPresent(upperBound, forKey: .upper)
    }
}
