import Contract

/// A reaction to a WOW story as the wall's forms name it (`kind=applause`), with
/// the sign its button shows and the text that says it aloud.
struct WallReaction: Sendable {
    let kind: Feedback.ReactionKind

    /// Every kind a story can get, in the buttons' order.
    static let all = [Feedback.ReactionKind.applause, .heart, .wow, .smile].map(WallReaction.init(kind:))

    init(kind: Feedback.ReactionKind) { self.kind = kind }

    /// The form's name of a kind; nil for anything else.
    init?(_ name: String) {
        guard let found = Self.all.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// The form's name: `applause`, `heart`, `wow`, `smile`.
    var name: String { String(describing: kind) }

    var sign: String {
        switch kind {
        case .applause: "👏"
        case .heart: "❤️"
        case .wow: "😮"
        case .smile: "😊"
        case .unspecified: "?"
        }
    }

    /// The key of its text in the message catalogues.
    var messageKey: String { "wall_reaction_\(name)" }
}
