import Foundation

/// An amount of money in a currency's minor unit (cents for EUR). Amounts in
/// different currencies never mix: adding, subtracting or comparing them throws
/// instead of guessing an exchange rate.
///
/// ```swift
/// let pizza = Money(minorUnits: 1250, currency: .eur)
/// try pizza + pizza          // €25.00
/// try pizza + Money(minorUnits: 100, currency: .usd)  // throws
/// ```
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units; negative for refunds and corrections.
    public let minorUnits: Int64
    /// The currency.
    public let currency: Currency

    /// An amount in minor units.
    ///
    /// - Parameters:
    ///   - minorUnits: E.g. 1250 for €12.50.
    ///   - currency: The currency.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Nothing, in `currency`.
    ///
    /// - Parameters:
    ///   - currency: The currency.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Whether the amount is exactly zero.
    public var isZero: Bool { minorUnits == 0 }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// The sum of both amounts.
    ///
    /// - Parameters:
    ///   - other: An amount in the same currency.
    /// - Throws: `DomainError.invalid` for another currency or an overflow.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        try sameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .invalid(field: "minor_units", reason: "sum overflows") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// This amount minus `other`.
    ///
    /// - Parameters:
    ///   - other: An amount in the same currency.
    /// - Throws: `DomainError.invalid` for another currency or an overflow.
    public func subtracting(_ other: Money) throws(DomainError) -> Money {
        try sameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .invalid(field: "minor_units", reason: "difference overflows") }
        return Money(minorUnits: difference, currency: currency)
    }

    /// This amount `factor` times, e.g. a monthly budget over three months.
    ///
    /// - Parameters:
    ///   - factor: Any whole number, negative included.
    /// - Throws: `DomainError.invalid` on overflow.
    public func multiplied(by factor: Int64) throws(DomainError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .invalid(field: "minor_units", reason: "product overflows") }
        return Money(minorUnits: product, currency: currency)
    }

    /// Orders two amounts of the same currency.
    ///
    /// - Parameters:
    ///   - other: An amount in the same currency.
    /// - Returns: `.orderedAscending` when this amount is less than `other`.
    /// - Throws: `DomainError.invalid` for another currency.
    public func compare(to other: Money) throws(DomainError) -> ComparisonResult {
        try sameCurrency(other)
        if minorUnits == other.minorUnits { return .orderedSame }
        return minorUnits < other.minorUnits ? .orderedAscending : .orderedDescending
    }

    /// The total of `amounts`; `.zero(currency)` when there are none.
    ///
    /// - Parameters:
    ///   - amounts: Amounts, all in `currency`.
    ///   - currency: The currency of the total.
    /// - Throws: `DomainError.invalid` for an amount in another currency or an overflow.
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(DomainError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    private func sameCurrency(_ other: Money) throws(DomainError) {
        guard other.currency == currency else {
            throw .invalid(field: "currency", reason: "cannot combine \(currency) with \(other.currency)")
        }
    }

    /// "EUR 12.50".
    public var description: String { formatted(.code) }
}
