import Contract

/// The theme rules a new feedback database starts with: the complaints customers
/// make most (a late delivery, a damaged or wrong item, a refund, a rude answer, a
/// long wait), each with keywords in Dutch, French and English. Operators edit or
/// delete them like any rule; their ids start with `rule-default-`.
enum DefaultThemeRules {
    static let rules: [Feedback.ThemeRule] = [
        rule(
            "late-delivery",
            en: [
                "was late", "is late", "too late", "arrived late", "delivered late", "late delivery", "delay",
                "never arrived", "still not arrived", "not delivered",
            ],
            nl: [
                "te laat", "was laat", "vertraging", "vertraagd", "niet bezorgd", "niet geleverd", "nooit aangekomen",
                "nog steeds niet ontvangen",
            ],
            fr: ["en retard", "retard", "pas livré", "jamais reçu", "jamais arrivé", "toujours pas reçu"]),
        rule(
            "damaged",
            en: ["damaged", "broken", "torn", "cracked", "dented", "scratched"],
            nl: ["beschadigd", "kapot", "gescheurd", "gebroken", "deuk", "gebarsten"],
            fr: ["endommagé", "abîmé", "cassé", "déchiré", "fissuré", "rayé"]),
        rule(
            "wrong-item",
            en: [
                "wrong item", "wrong product", "wrong size", "wrong colour", "wrong color", "not what i ordered",
                "wrong order",
            ],
            nl: ["verkeerde", "verkeerd artikel", "verkeerd product", "niet wat ik besteld", "niet besteld"],
            fr: [
                "mauvais article", "mauvais produit", "mauvaise taille", "mauvaise couleur",
                "pas ce que j'ai commandé", "erreur de commande",
            ]),
        rule(
            "refund",
            en: ["refund", "money back", "reimburse", "charged twice"],
            nl: ["terugbetaling", "geld terug", "terugstorting", "restitutie", "terugbetaald", "dubbel betaald"],
            fr: ["remboursement", "rembourser", "remboursé", "débité deux fois"]),
        rule(
            "rude",
            en: ["rude", "unfriendly", "impolite", "arrogant", "disrespectful"],
            nl: ["onbeleefd", "onvriendelijk", "brutaal", "grof", "arrogant"],
            fr: ["impoli", "malpoli", "désagréable", "pas aimable", "irrespectueux"]),
        rule(
            "waiting",
            en: ["waited", "waiting", "on hold", "no answer", "no reply", "took ages", "too long"],
            nl: ["wachten", "gewacht", "wachttijd", "in de wacht", "geen antwoord", "geen reactie", "te lang"],
            fr: ["attendu", "attente", "attendre", "pas de réponse", "aucune réponse", "trop long"]),
    ]

    private static func rule(_ theme: String, en: [String], nl: [String], fr: [String]) -> Feedback.ThemeRule {
        Feedback.ThemeRule(
            rule_id: "rule-default-\(theme)", theme: theme, keywords: Array(Set(nl + fr + en)).sorted(), enabled: true)
    }
}
