/// A core value that compliments, stories and hiring evaluations are tagged with.
/// `defaults` is the seed: the shoe store's ten values from DOMAIN.md.
public struct CoreValue: Hashable, Sendable, Identifiable {
    /// Slug, e.g. "deliver-wow-through-service": lowercase letters, digits and '-',
    /// 1...64 characters.
    public let id: String
    /// The value as people read it.
    public let name: String
    /// Display order, 1 first.
    public let position: Int

    /// A core value.
    ///
    /// - Parameters:
    ///   - id: The slug.
    ///   - name: The text; not blank.
    ///   - position: Display order, 1 or more.
    /// - Throws: `DomainError.invalid` naming "value_id", "name" or "position".
    public init(id: String, name: String, position: Int) throws(DomainError) {
        try Validation.slug(id, field: "value_id", maxLength: 64)
        guard name.contains(where: { !$0.isWhitespace }) else {
            throw .invalid(field: "name", reason: "must not be blank")
        }
        guard position >= 1 else { throw .invalid(field: "position", reason: "must be 1 or more, got \(position)") }
        self.id = id
        self.name = name
        self.position = position
    }

    private init(seed position: Int, _ id: String, _ name: String) {
        self.id = id
        self.name = name
        self.position = position
    }

    /// The ten values every installation starts with, in order.
    public static let defaults: [CoreValue] = [
        CoreValue(seed: 1, "deliver-wow-through-service", "Deliver WOW through service"),
        CoreValue(seed: 2, "embrace-and-drive-change", "Embrace and drive change"),
        CoreValue(seed: 3, "create-fun-and-a-little-weirdness", "Create fun and a little weirdness"),
        CoreValue(seed: 4, "be-adventurous-creative-and-open-minded", "Be adventurous, creative and open-minded"),
        CoreValue(seed: 5, "pursue-growth-and-learning", "Pursue growth and learning"),
        CoreValue(
            seed: 6, "build-open-and-honest-relationships-with-communication",
            "Build open and honest relationships with communication"),
        CoreValue(seed: 7, "build-a-positive-team-and-family-spirit", "Build a positive team and family spirit"),
        CoreValue(seed: 8, "do-more-with-less", "Do more with less"),
        CoreValue(seed: 9, "be-passionate-and-determined", "Be passionate and determined"),
        CoreValue(seed: 10, "be-humble", "Be humble"),
    ]
}
