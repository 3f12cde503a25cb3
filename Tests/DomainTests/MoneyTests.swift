import Foundation
import Testing

@testable import Domain

@Suite("Money")
struct MoneyTests {
    let twelveFifty = Money(minorUnits: 1250, currency: .eur)
    let dollar = Money(minorUnits: 100, currency: .usd)

    @Test("amounts in one currency add, subtract and compare")
    func sameCurrency() throws {
        #expect(try twelveFifty + twelveFifty == Money(minorUnits: 2500, currency: .eur))
        #expect(try twelveFifty - Money(minorUnits: 1300, currency: .eur) == Money(minorUnits: -50, currency: .eur))
        #expect(try twelveFifty < Money(minorUnits: 1251, currency: .eur))
        #expect(try twelveFifty >= twelveFifty)
        #expect(try Money.sum([twelveFifty, twelveFifty, twelveFifty], in: .eur).minorUnits == 3750)
    }

    @Test("adding EUR and USD is refused, naming the currency")
    func mixingCurrencies() {
        #expect(throws: DomainError.invalid(field: "currency", reason: "cannot combine EUR with USD")) {
            try twelveFifty + dollar
        }
        #expect(invalidField { _ = try twelveFifty - dollar } == "currency")
        #expect(invalidField { _ = try twelveFifty < dollar } == "currency")
        #expect(invalidField { _ = try Money.sum([twelveFifty, dollar], in: .eur) } == "currency")
    }

    @Test("EUR and USD amounts are never equal, even with the same number")
    func equality() {
        #expect(Money(minorUnits: 100, currency: .eur) != dollar)
    }

    @Test("overflow is refused instead of wrapping")
    func overflow() {
        let huge = Money(minorUnits: .max, currency: .eur)
        #expect(invalidField { _ = try huge + Money(minorUnits: 1, currency: .eur) } == "minor_units")
        #expect(invalidField { _ = try huge.multiplied(by: 2) } == "minor_units")
    }

    @Test(
        "amounts format with symbol or code, the same in every locale",
        arguments: [
            (Money(minorUnits: 1250, currency: .eur), "€12.50", "EUR 12.50"),
            (Money(minorUnits: -305, currency: .eur), "-€3.05", "EUR -3.05"),
            (Money(minorUnits: 7, currency: .eur), "€0.07", "EUR 0.07"),
            (Money(minorUnits: 400_000, currency: .usd), "$4000.00", "USD 4000.00"),
            (Money(minorUnits: 1500, currency: try! Currency("JPY")), "JPY 1500", "JPY 1500"),
            (Money(minorUnits: 1500, currency: try! Currency("KWD")), "KWD 1.500", "KWD 1.500"),
            (Money(minorUnits: .min, currency: .eur), "-€92233720368547758.08", "EUR -92233720368547758.08"),
        ])
    func formatting(money: Money, symbol: String, code: String) {
        #expect(money.formatted() == symbol)
        #expect(money.formatted(.code) == code)
        #expect(money.description == code)
    }

    @Test("currency codes are three uppercase letters", arguments: ["eur", "EU", "EURO", "E1R", ""])
    func invalidCurrency(code: String) {
        #expect(invalidField { _ = try Currency(code) } == "currency")
    }
}
