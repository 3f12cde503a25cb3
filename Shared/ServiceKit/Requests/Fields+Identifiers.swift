import Bus
import Domain

/// Ids, slugs and e-mail addresses in requests, by `Domain`'s rules (`Validation`),
/// answered as INVALID_ARGUMENT naming the field. Blank counts as unset.
extension Fields {
    /// A required entity id.
    public static func id(_ value: String?, _ field: String) throws(RPCError) -> String {
        let value = try required(value, field)
        try domain { () throws(DomainError) in try Validation.id(value, field: field) }
        return value
    }

    /// An entity id, or nil when unset or blank.
    public static func optionalID(_ value: String?, _ field: String) throws(RPCError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try id(value, field)
    }

    /// Distinct entity ids in first-seen order.
    public static func ids(_ values: [String], _ field: String) throws(RPCError) -> [String] {
        try distinct(values) { value throws(RPCError) in try id(value, field) }
    }

    /// A required slug: lowercase letters, digits and '-', 1...64 characters.
    public static func slug(_ value: String?, _ field: String) throws(RPCError) -> String {
        let value = try required(value, field)
        try domain { () throws(DomainError) in try Validation.slug(value, field: field) }
        return value
    }

    /// A slug, or nil when unset or blank.
    public static func optionalSlug(_ value: String?, _ field: String) throws(RPCError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try slug(value, field)
    }

    /// Distinct slugs in first-seen order.
    public static func slugs(_ values: [String], _ field: String) throws(RPCError) -> [String] {
        try distinct(values) { value throws(RPCError) in try slug(value, field) }
    }

    /// An e-mail address (trimmed), or nil when unset or blank.
    public static func optionalEmail(_ value: String?, _ field: String = "email") throws(RPCError) -> String? {
        guard let text = try optionalText(value, field, maxLength: 254) else { return nil }
        try domain { () throws(DomainError) in try Validation.email(text, field: field) }
        return text
    }

    /// `check`'s `DomainError` as INVALID_ARGUMENT.
    /// An ISO 3166-1 alpha-2 country code.
    public static func country(_ value: String, _ field: String) throws(RPCError) -> Country {
        do { return try Country(value, field: field) } catch {
            throw RPCError.invalidArgument(field: error.field, error.reason)
        }
    }

    private static func domain(_ check: () throws(DomainError) -> Void) throws(RPCError) {
        do { try check() } catch { throw RPCError.invalidArgument(field: error.field, error.reason) }
    }

    private static func distinct(_ values: [String], _ check: (String) throws(RPCError) -> String) throws(RPCError)
        -> [String]
    {
        var seen: Set<String> = []
        var result: [String] = []
        for value in values where seen.insert(try check(value)).inserted { result.append(value) }
        return result
    }
}
