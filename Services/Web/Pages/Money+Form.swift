import Domain

extension Money {
    /// An amount as a person types it in `currency`: "12", "12.5", "12,50",
    /// "€ 12,50"; nil when it is no amount or has more decimals than the currency.
    init?(typed text: String, currency: Currency) {
        var digits = text.filter { !$0.isWhitespace && $0 != "€" && $0 != "$" && $0 != "£" }
        digits = digits.replacingOccurrences(of: ",", with: ".")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let places = currency.minorUnitDigits
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0,
            parts[0].allSatisfy(\.isASCII)
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= places, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        fraction += String(repeating: "0", count: places - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow, let cents = Int64(fraction.isEmpty ? "0" : fraction), scaled <= .max - cents
        else {
            return nil
        }
        self.init(minorUnits: scaled + cents, currency: currency)
    }
}
