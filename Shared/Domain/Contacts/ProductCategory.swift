/// What a contact or a survey answer is about, as a slug: lowercase letters, digits
/// and dashes, 1...40 characters ("photo-products"). NPS is reported per category.
///
/// Codable as the plain slug string.
public struct ProductCategory: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The slug, e.g. "electronics".
    public let slug: String

    /// A category from its slug.
    ///
    /// - Parameters:
    ///   - slug: Lowercase ASCII letters, digits and '-', 1...40 characters.
    ///   - field: The field name to report when the slug is malformed.
    /// - Throws: `DomainError.invalid` when `slug` breaks the rule.
    public init(_ slug: String, field: String = "product_category") throws(DomainError) {
        try Validation.slug(slug, field: field, maxLength: 40)
        self.slug = slug
    }

    private init(known slug: String) { self.slug = slug }

    /// Electronics.
    public static let electronics = ProductCategory(known: "electronics")
    /// Household appliances and goods.
    public static let household = ProductCategory(known: "household")
    /// Toys.
    public static let toys = ProductCategory(known: "toys")
    /// Books.
    public static let books = ProductCategory(known: "books")
    /// Photo books, prints and other photo products.
    public static let photoProducts = ProductCategory(known: "photo-products")
    /// Shoes.
    public static let shoes = ProductCategory(known: "shoes")
    /// Clothing and accessories.
    public static let fashion = ProductCategory(known: "fashion")
    /// Anything else.
    public static let other = ProductCategory(known: "other")

    /// The categories every installation starts with.
    public static let wellKnown: [ProductCategory] = [
        .electronics, .household, .toys, .books, .photoProducts, .shoes, .fashion, .other,
    ]

    /// Orders by slug.
    public static func < (lhs: ProductCategory, rhs: ProductCategory) -> Bool { lhs.slug < rhs.slug }

    /// The slug.
    public var description: String { slug }

    /// Decodes the plain slug string.
    ///
    /// - Parameters:
    ///   - decoder: Holds a string.
    /// - Throws: `DomainError.invalid` naming the coding path for a malformed slug.
    public init(from decoder: any Decoder) throws {
        let slug = try decoder.singleValueContainer().decode(String.self)
        try self.init(slug, field: Validation.fieldName(decoder.codingPath, fallback: "product_category"))
    }

    /// Encodes the plain slug string.
    ///
    /// - Parameters:
    ///   - encoder: Receives a string.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(slug)
    }
}
