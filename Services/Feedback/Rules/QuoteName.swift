/// How a customer is named next to a quote on a wall or in an export: the first
/// name and the initial of the last name ("Anna de Vries" becomes "Anna V."), the
/// first name alone when only one is given, or no name at all when the first word
/// is not a name (an e-mail address, a phone number). Feedback applies it to every
/// compliment it stores and shows, whatever a caller passes.
enum QuoteName {
    /// The shortened name, or nil.
    static func shown(_ name: String?) -> String? {
        let words = (name ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," })
        guard let first = words.first, Self.isName(first) else { return nil }
        guard words.count > 1, let last = words.last, Self.isName(last), let initial = last.first else {
            return String(first)
        }
        return "\(first) \(initial.uppercased())."
    }

    /// Letters with inner hyphens, apostrophes or a trailing dot (an initial).
    private static func isName(_ word: Substring) -> Bool {
        guard let first = word.first, first.isLetter else { return false }
        return word.allSatisfy { $0.isLetter || "-'’.".contains($0) }
    }
}
