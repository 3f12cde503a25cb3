/// The survey invitation a customer receives, in their language (Dutch, French or
/// English; English for any other): the company's name, what the contact was
/// about, the survey link and the link to stop these messages.
struct SurveyMessage: Sendable, Equatable {
    var subject: String
    var body: String

    /// - Parameters:
    ///   - about: the ticket's subject, or nil when the invitation names none.
    ///   - surveyURL: the public survey page; `optOutURL` stops further surveys.
    init(
        language: String?, customerName: String?, company: String, about: String?, surveyURL: String,
        optOutURL: String
    ) {
        let name = customerName.map { " \($0)" } ?? ""
        let topic = about.map { "\"\($0)\"" }
        switch String(language?.lowercased().prefix(2) ?? "") {
        case "nl":
            subject = "Zou je \(company) aanbevelen?"
            body = """
                Hallo\(name),

                Je had onlangs contact met \(company)\(topic.map { " over \($0)" } ?? ""). \
                Hoe waarschijnlijk is het dat je ons aanbeveelt aan vrienden of collega's? \
                Eén vraag, een paar seconden:

                \(surveyURL)

                Dank je wel!
                \(company)

                Liever geen vragen meer van ons? \(optOutURL)
                """
        case "fr":
            subject = "Recommanderiez-vous \(company) ?"
            body = """
                Bonjour\(name),

                Vous avez récemment contacté \(company)\(topic.map { " au sujet de \($0)" } ?? ""). \
                Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ? \
                Une question, quelques secondes :

                \(surveyURL)

                Merci !
                \(company)

                Vous ne souhaitez plus recevoir nos questions ? \(optOutURL)
                """
        default:
            subject = "Would you recommend \(company)?"
            body = """
                Hello\(name),

                You recently contacted \(company)\(topic.map { " about \($0)" } ?? ""). \
                How likely are you to recommend us to a friend or colleague? \
                One question, a few seconds:

                \(surveyURL)

                Thank you!
                \(company)

                Rather not hear from us like this again? \(optOutURL)
                """
        }
    }
}
