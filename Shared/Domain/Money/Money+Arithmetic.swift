import Foundation

// Operators over `Money`. They throw, so mixing currencies needs `try` and fails
// loudly; `Money` is deliberately not `Comparable`, whose `<` could not throw.
extension Money {
    /// The sum; see `adding(_:)`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies or an overflow.
    public static func + (lhs: Money, rhs: Money) throws(DomainError) -> Money {
        try lhs.adding(rhs)
    }

    /// The difference; see `subtracting(_:)`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies or an overflow.
    public static func - (lhs: Money, rhs: Money) throws(DomainError) -> Money {
        try lhs.subtracting(rhs)
    }

    /// Whether `lhs` is less than `rhs`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies.
    public static func < (lhs: Money, rhs: Money) throws(DomainError) -> Bool {
        try lhs.compare(to: rhs) == .orderedAscending
    }

    /// Whether `lhs` is at most `rhs`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies.
    public static func <= (lhs: Money, rhs: Money) throws(DomainError) -> Bool {
        try lhs.compare(to: rhs) != .orderedDescending
    }

    /// Whether `lhs` is more than `rhs`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies.
    public static func > (lhs: Money, rhs: Money) throws(DomainError) -> Bool {
        try lhs.compare(to: rhs) == .orderedDescending
    }

    /// Whether `lhs` is at least `rhs`.
    ///
    /// - Throws: `DomainError.invalid` for different currencies.
    public static func >= (lhs: Money, rhs: Money) throws(DomainError) -> Bool {
        try lhs.compare(to: rhs) != .orderedAscending
    }
}
