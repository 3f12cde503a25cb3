import Contract

/// Which themes the theme rules give an answer's comment, and how earlier answers
/// change when the rules do.
enum ThemeMatching {
    /// Themes of the enabled rules with a keyword in `comment` (case-insensitive).
    /// A rule with languages applies only to answers in one of them (by prefix,
    /// "nl" matches "nl-BE"); answers of unknown language meet every rule.
    static func themes(comment: String?, language: String?, rules: [Feedback.ThemeRule]) -> [String] {
        guard let comment = comment?.lowercased() else { return [] }
        return rules.compactMap { rule in
            guard rule.enabled ?? true, let theme = rule.theme else { return nil }
            if let language = language?.lowercased(), !rule.languages.isEmpty,
                !rule.languages.contains(where: {
                    language == $0.lowercased() || language.hasPrefix($0.lowercased() + "-")
                })
            {
                return nil
            }
            return rule.keywords.contains { !$0.isEmpty && comment.contains($0.lowercased()) } ? theme : nil
        }
    }

    /// The answers whose themes change under `rules`, with their new themes: the
    /// ones their sender gave plus the ones the rules find, sorted. Answers themed
    /// by hand keep theirs.
    static func refreshed(_ answers: [CommentedAnswer], rules: [Feedback.ThemeRule]) -> [Feedback.SurveyResponse] {
        answers.compactMap { answer in
            var response = answer.response
            guard response.themes_by_hand != true else { return nil }
            let found = themes(comment: answer.comment, language: answer.language, rules: rules)
            let themes = Array(Set(answer.givenThemes + found)).sorted()
            guard themes != response.themes.sorted() else { return nil }
            response.themes = themes
            return response
        }
    }
}
