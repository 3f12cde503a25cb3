import Bus
import Domain
import Foundation
import ServiceKit

/// Request checks the staff methods share; each throws INVALID_ARGUMENT naming the
/// field (`Domain` errors do so through `RPCErrorConvertible`).
enum Checks {
    /// A required id.
    static func id(_ value: String?, _ field: String) throws -> String {
        try ID<IDKind.Employee>(Fields.required(value, field), field: field).rawValue
    }

    /// An id that may be unset (blank counts as unset).
    static func optionalID(_ value: String?, _ field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try id(value, field)
    }

    /// "YYYY-MM-DD", or nil when unset or blank.
    static func date(_ value: String?, _ field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try LocalDate(value, field: field).description
    }

    /// An email address, or nil when unset or blank.
    static func email(_ value: String?, _ field: String = "email") throws -> String? {
        guard let text = try Fields.optionalText(value, field, maxLength: 254) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(where: \.isWhitespace)
        else { throw RPCError.invalidArgument(field: field, "is not an email address, got '\(text)'") }
        return text
    }

    /// A slug (lowercase letters, digits, '-'), or nil when unset or blank.
    static func slug(_ value: String?, _ field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard value.utf8.count <= 64,
            value.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 })
        else {
            throw RPCError.invalidArgument(
                field: field, "must be a slug of lowercase letters, digits and '-', got '\(value)'")
        }
        return value
    }

    /// A slug that must be set.
    static func requiredSlug(_ value: String?, _ field: String) throws -> String {
        guard let slug = try slug(Fields.required(value, field), field) else {
            throw RPCError.invalidArgument(field: field, "must not be empty")
        }
        return slug
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
