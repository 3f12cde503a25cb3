extension Money {
    /// How `formatted(_:)` names the currency.
    public enum FormatStyle: Sendable {
        /// "€12.50"; currencies without a symbol fall back to `.code`.
        case symbol
        /// "EUR 12.50".
        case code
    }

    /// The amount for people, with a '.' decimal separator and no grouping, the same
    /// in every locale (logs, exports, notifications): "€12.50", "-€3.00", "EUR 12.50".
    ///
    /// - Parameters:
    ///   - style: Symbol or ISO code.
    public func formatted(_ style: FormatStyle = .symbol) -> String {
        let digits = currency.minorUnitDigits
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let magnitude = minorUnits.magnitude
        var number = String(magnitude / divisor)
        if digits > 0 {
            let fraction = String(magnitude % divisor)
            number += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        let sign = minorUnits < 0 ? "-" : ""
        if style == .symbol, let symbol = currency.symbol { return sign + symbol + number }
        return currency.code + " " + sign + number
    }
}
