import Foundation
import Testing

@testable import Domain

@Suite("Channels, countries, categories and core values")
struct VocabularyTests {
    @Test("Twitter, Facebook Messenger and WhatsApp are the social channels")
    func social() {
        #expect(Channel.allCases.filter(\.isSocial) == [.twitter, .facebookMessenger, .whatsApp])
        #expect(Channel.facebookMessenger.displayName == "Facebook Messenger")
    }

    @Test("the Netherlands and Belgium have their own time zones")
    func countries() throws {
        #expect(Country.netherlands.code == "NL")
        #expect(Country.netherlands.defaultTimeZone == Fixture.amsterdam)
        #expect(Country.belgium.defaultTimeZone == Fixture.brussels)
        #expect(try Country("BE") == .belgium)
        #expect(try Country("JP").defaultTimeZone == nil)
        #expect(try Fixture.roundTrip(Country.belgium) == .belgium)
    }

    @Test("country codes are two uppercase letters", arguments: ["nl", "NLD", "N", "", "N1"])
    func invalidCountries(code: String) {
        #expect(invalidField { _ = try Country(code) } == "country")
    }

    @Test("product categories are slugs of at most 40 characters")
    func categories() throws {
        #expect(ProductCategory.photoProducts.slug == "photo-products")
        #expect(ProductCategory.wellKnown.count == 8)
        #expect(try ProductCategory("lego-2") == (try ProductCategory("lego-2")))
        #expect(try ProductCategory(String(repeating: "x", count: 40)).slug.count == 40)
        for bad in ["", "Shoes", "photo products", "schoenen_dames", String(repeating: "x", count: 41)] {
            #expect(invalidField { _ = try ProductCategory(bad) } == "product_category", "\(bad)")
        }
    }

    @Test("the ten core values seed in order, with unique slugs")
    func coreValues() throws {
        let values = CoreValue.defaults
        #expect(values.count == 10)
        #expect(values.map(\.position) == Array(1...10))
        #expect(Set(values.map(\.id)).count == 10)
        #expect(values.first?.id == "deliver-wow-through-service")
        #expect(values.last?.name == "Be humble")
        for value in values {
            #expect(try CoreValue(id: value.id, name: value.name, position: value.position) == value)
        }
        #expect(invalidField { _ = try CoreValue(id: "Be Humble", name: "Be humble", position: 1) } == "value_id")
    }
}
