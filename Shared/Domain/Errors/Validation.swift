/// The one set of checks for slugs, ids and e-mail addresses: behind the validating
/// initializers, and behind the request checks of every service (`Fields` in ServiceKit).
public enum Validation {
    /// Lowercase ASCII letters, digits and dashes, `1...maxLength` long.
    public static func slug(_ text: String, field: String, maxLength: Int = 64) throws(DomainError) {
        guard !text.isEmpty, text.utf8.count <= maxLength else {
            throw .invalid(field: field, reason: "must be 1...\(maxLength) characters, got \(text.utf8.count)")
        }
        guard text.utf8.allSatisfy({ isLowercase($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) else {
            throw .invalid(field: field, reason: "only lowercase letters, digits and '-' are allowed, got '\(text)'")
        }
    }

    /// An entity id: 1...64 characters of `A-Z a-z 0-9 . _ : -` (the rule of `ID`).
    public static func id(_ text: String, field: String) throws(DomainError) {
        guard !text.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard text.utf8.count <= idMaxLength else {
            throw .invalid(field: field, reason: "must be at most \(idMaxLength) characters, got \(text.utf8.count)")
        }
        guard text.utf8.allSatisfy(isIDByte) else {
            throw .invalid(field: field, reason: "only A-Z, a-z, 0-9, '.', '_', ':' and '-' are allowed, got '\(text)'")
        }
    }

    /// Longest accepted id, in bytes.
    static let idMaxLength = 64

    /// An e-mail address: at most 254 characters, one `@` with text before it, a
    /// domain of three or more characters with an inner dot (none at its ends, never
    /// two in a row), no white space and none of `<>(),;:"[]\`.
    public static func email(_ text: String, field: String) throws(DomainError) {
        guard text.count <= 254 else {
            throw .invalid(field: field, reason: "must be at most 254 characters, got \(text.count)")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
            !text.contains(where: { $0.isWhitespace || "<>(),;:\"[]\\".contains($0) })
        else { throw .invalid(field: field, reason: "is not an email address, got '\(text)'") }
    }

    /// Exactly `length` uppercase ASCII letters (ISO 3166 and ISO 4217 codes).
    static func uppercaseCode(_ text: String, field: String, length: Int) throws(DomainError) {
        guard text.utf8.count == length, text.utf8.allSatisfy(isUppercase) else {
            throw .invalid(field: field, reason: "must be \(length) uppercase letters, got '\(text)'")
        }
    }

    /// A decoder's coding path as a field name ("ticket.assignee_id"), or `fallback`.
    public static func fieldName(_ path: [any CodingKey], fallback: String) -> String {
        path.isEmpty ? fallback : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func isLowercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    static func isUppercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    static func isIDByte(_ byte: UInt8) -> Bool {
        isLowercase(byte) || isUppercase(byte) || isDigit(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
    }
}
