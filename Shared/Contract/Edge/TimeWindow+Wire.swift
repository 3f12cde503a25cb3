import Domain
import Foundation

// The wire shape of `glimlach.TimeWindow`: Unix milliseconds and an IANA zone name,
// UTC when the zone is unset. Instants are rounded to whole milliseconds.
extension TimeWindow: Codable {
    private enum CodingKeys: String, CodingKey {
        case fromMs = "from_ms"
        case toMs = "to_ms"
        case timeZone = "time_zone"
    }

    /// Decodes `{from_ms, to_ms, time_zone}`.
    ///
    /// - Parameters:
    ///   - decoder: Holds the wire fields.
    /// - Throws: `DomainError.invalid` for an unknown zone or `to_ms` not after
    ///   `from_ms`; decoding errors otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fromMs = try container.decode(Int64.self, forKey: .fromMs)
        let toMs = try container.decode(Int64.self, forKey: .toMs)
        let zoneName = try container.decodeIfPresent(String.self, forKey: .timeZone)
        let zone = try zoneName.map { name throws(DomainError) in try Validation.timeZone(name, field: "time_zone") }
        guard fromMs < toMs else {
            throw DomainError.invalid(field: "to_ms", reason: "must be after from_ms (\(fromMs)), got \(toMs)")
        }
        try self.init(
            from: Date(unixMilliseconds: fromMs), to: Date(unixMilliseconds: toMs), timeZone: zone ?? .gmt)
    }

    /// Encodes `{from_ms, to_ms, time_zone}`.
    ///
    /// - Parameters:
    ///   - encoder: Receives the wire fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.unixMilliseconds, forKey: .fromMs)
        try container.encode(to.unixMilliseconds, forKey: .toMs)
        try container.encode(timeZone.identifier, forKey: .timeZone)
    }
}
