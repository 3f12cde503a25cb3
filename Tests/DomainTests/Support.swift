import Foundation
import Testing

@testable import Domain

/// Test fixtures: zones and instants written with explicit UTC offsets, so every
/// expectation can be checked by hand without trusting the code under test.
enum Fixture {
    static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!
    static let brussels = TimeZone(identifier: "Europe/Brussels")!

    /// The instant of an ISO 8601 timestamp with offset, e.g. "2025-03-29T22:30:00+01:00".
    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    /// Hours as seconds.
    static func hours(_ count: Double) -> TimeInterval { count * 3600 }

    /// Encodes to JSON and decodes back.
    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    /// The JSON object `value` encodes to, for checking wire field names.
    static func jsonObject(_ value: some Encodable) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as! [String: Any]
    }

    /// Decodes `json` as `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}

/// The field a thrown `DomainError` names, or nil for success or another error.
func invalidField(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as DomainError {
        return error.field
    } catch {
        return nil
    }
}
