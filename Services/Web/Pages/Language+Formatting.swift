import Domain
import Foundation

/// Numbers, shares, dates and money as the page's language writes them
/// (nl-NL: "1.234,5", "12 %", "6 dec 2026", "€ 12,50"; en-GB: "1,234.5", "12%",
/// "6 Dec 2026", "€12.50"; fr-FR: "1 234,5", "12 %", "6 déc. 2026", "12,50 €").
extension Language {
    /// `value` with exactly `decimals` decimals, grouped as the locale groups.
    func number(_ value: Double, decimals: Int = 0) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = decimals
        formatter.maximumFractionDigits = decimals
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// A whole number, grouped.
    func number<Integer: BinaryInteger>(_ value: Integer) -> String { number(Double(value)) }

    /// A share of 0...1 as a whole percentage.
    func percent(_ share: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .percent
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: share)) ?? "\(Int((share * 100).rounded()))%"
    }

    /// A day, in the locale's medium style, in `zone`.
    func date(_ date: Date, in zone: TimeZone) -> String { format(date, in: zone, time: .none) }

    /// A moment (day and time of day), in the locale's medium and short styles, in `zone`.
    func dateTime(_ date: Date, in zone: TimeZone) -> String { format(date, in: zone, time: .short) }

    private func format(_ date: Date, in zone: TimeZone, time: DateFormatter.Style) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = zone
        formatter.dateStyle = .medium
        formatter.timeStyle = time
        return formatter.string(from: date)
    }

    /// An amount in its own currency, written the locale's way.
    func money(_ money: Money) -> String {
        let digits = money.currency.minorUnitDigits
        let amount = Decimal(money.minorUnits) / pow(Decimal(10), digits)
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .currency
        formatter.currencyCode = money.currency.code
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        return formatter.string(from: NSDecimalNumber(decimal: amount)) ?? money.formatted()
    }
}
