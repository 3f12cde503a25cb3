/// Shared checks behind the validating initializers.
enum Validation {
    /// Lowercase ASCII letters, digits and dashes, `1...maxLength` long.
    static func slug(_ text: String, field: String, maxLength: Int) throws(DomainError) {
        guard !text.isEmpty, text.utf8.count <= maxLength else {
            throw .invalid(field: field, reason: "must be 1...\(maxLength) characters, got \(text.utf8.count)")
        }
        guard text.utf8.allSatisfy({ isLowercase($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) else {
            throw .invalid(field: field, reason: "only lowercase letters, digits and '-' are allowed, got '\(text)'")
        }
    }

    /// Exactly `length` uppercase ASCII letters (ISO 3166 and ISO 4217 codes).
    static func uppercaseCode(_ text: String, field: String, length: Int) throws(DomainError) {
        guard text.utf8.count == length, text.utf8.allSatisfy(isUppercase) else {
            throw .invalid(field: field, reason: "must be \(length) uppercase letters, got '\(text)'")
        }
    }

    /// A decoder's coding path as a field name ("ticket.assignee_id"), or `fallback`.
    static func fieldName(_ path: [any CodingKey], fallback: String) -> String {
        path.isEmpty ? fallback : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func isLowercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    static func isUppercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
