import Bus
import Domain
import Foundation
import ServiceKit

/// Request checks only the staff methods need; ids, slugs and e-mail addresses are
/// `Fields`'. Each throws INVALID_ARGUMENT naming the field (`Domain` errors do so
/// through `RPCErrorConvertible`).
enum Checks {
    /// "YYYY-MM-DD", or nil when unset or blank.
    static func date(_ value: String?, _ field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try LocalDate(value, field: field).description
    }

    /// An ISO 3166 alpha-2 code, or nil when unset or blank.
    static func country(_ value: String?, _ field: String = "country") throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try Country(value, field: field).code
    }

    /// A positive amount of money.
    static func positive(_ value: Money?, _ field: String) throws -> Money {
        let money = try Fields.required(value, field)
        guard money.minorUnits > 0 else {
            throw RPCError.invalidArgument(
                field: "\(field).minor_units", "must be more than 0, got \(money.minorUnits)")
        }
        return money
    }

    /// An enum that may be unset but, when set, is not `*_UNSPECIFIED`.
    static func optionalChoice<E: RawRepresentable>(_ value: E?, _ field: String) throws -> E?
    where E.RawValue == Int32 {
        guard let value else { return nil }
        return try Fields.chosen(value, field)
    }
}
