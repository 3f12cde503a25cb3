// `glimlach.tickets.ResponseTarget`: channel, target_ms, answered_live,
// at_risk_share (0.8 when unset), escalate_on_breach.
extension FirstResponseTarget: Codable {
    enum CodingKeys: String, CodingKey {
        case channel
        case targetMs = "target_ms"
        case answeredLive = "answered_live"
        case atRiskShare = "at_risk_share"
        case escalateOnBreach = "escalate_on_breach"
    }

    /// Decodes a wire `ResponseTarget`; `target_ms` is ignored when answered live.
    ///
    /// - Parameters:
    ///   - decoder: Holds the wire fields.
    /// - Throws: `DomainError.invalid` for a missing or non-positive target or a share
    ///   outside (0, 1]; decoding errors otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let channel = try container.decode(Channel.self, forKey: .channel)
        if try container.decodeIfPresent(Bool.self, forKey: .answeredLive) == true {
            self = .live(channel)
            return
        }
        let milliseconds = try container.decodeIfPresent(Int64.self, forKey: .targetMs) ?? 0
        try self.init(
            channel: channel, openSeconds: Double(milliseconds) / 1000,
            atRiskShare: container.decodeIfPresent(Double.self, forKey: .atRiskShare) ?? Self.defaultAtRiskShare,
            escalatesOnBreach: container.decodeIfPresent(Bool.self, forKey: .escalateOnBreach) ?? false)
    }

    /// Encodes a wire `ResponseTarget`.
    ///
    /// - Parameters:
    ///   - encoder: Receives the wire fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(Int64((openSeconds * 1000).rounded()), forKey: .targetMs)
        try container.encode(isAnsweredLive, forKey: .answeredLive)
        try container.encode(atRiskShare, forKey: .atRiskShare)
        try container.encode(escalatesOnBreach, forKey: .escalateOnBreach)
    }
}
