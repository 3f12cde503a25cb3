import Contract
import Domain

/// The people and things of the demo: a retailer serving the Netherlands and
/// Belgium with in-house experts and a partner agency, on every channel.
enum DemoCast {
    struct Agent {
        let name: String
        let team: String
        let employer: String
        let country: String
        let role: Staff.EmployeeRole
        /// How well this agent's customers tend to fare: shifts their scores.
        let touch: Int
    }

    static let partner = "callcenter-bright"

    /// Team name -> kind, site, employer, country.
    static let teams: [(name: String, kind: Staff.TeamKind, site: String, employer: String, country: String)] = [
        ("Service Experts Utrecht", .serviceExperts, "utrecht", "in-house", "NL"),
        ("Service Experts Antwerpen", .serviceExperts, "antwerpen", partner, "BE"),
        ("Social Media", .socialMedia, "utrecht", "in-house", "NL"),
        ("Special Care", .specialCare, "utrecht", "in-house", "NL"),
    ]

    /// People of the office who take no tickets: the director of happy customers and HR.
    static let office: [(name: String, role: Staff.EmployeeRole)] = [
        ("Iris Mulder", .directorOfHappyCustomers), ("Bram de Boer", .hr),
    ]

    /// Everyone's work address: "Sanne de Vries" -> sanne.de.vries@glimlach.example.
    static func email(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: ".") + "@glimlach.example"
    }

    static let agents: [Agent] = [
        Agent(
            name: "Sanne de Vries", team: "Service Experts Utrecht", employer: "in-house", country: "NL",
            role: .teamLead, touch: 1),
        Agent(
            name: "Daan Bakker", team: "Service Experts Utrecht", employer: "in-house", country: "NL",
            role: .serviceExpert, touch: 1),
        Agent(
            name: "Fleur Jansen", team: "Service Experts Utrecht", employer: "in-house", country: "NL",
            role: .serviceExpert, touch: 2),
        Agent(
            name: "Lars Visser", team: "Service Experts Utrecht", employer: "in-house", country: "NL",
            role: .serviceExpert, touch: 0),
        Agent(
            name: "Noor Smit", team: "Service Experts Utrecht", employer: "in-house", country: "NL",
            role: .serviceExpert, touch: -1),
        Agent(
            name: "Lotte Peeters", team: "Service Experts Antwerpen", employer: partner, country: "BE", role: .teamLead,
            touch: 1),
        Agent(
            name: "Wout Maes", team: "Service Experts Antwerpen", employer: partner, country: "BE",
            role: .serviceExpert, touch: 0),
        Agent(
            name: "Elise Claes", team: "Service Experts Antwerpen", employer: partner, country: "BE",
            role: .serviceExpert, touch: 1),
        Agent(
            name: "Jens Wouters", team: "Service Experts Antwerpen", employer: partner, country: "BE",
            role: .serviceExpert, touch: -2),
        Agent(
            name: "Mila Mertens", team: "Social Media", employer: "in-house", country: "NL", role: .socialMedia,
            touch: 1),
        Agent(
            name: "Ruben Mulder", team: "Social Media", employer: "in-house", country: "NL", role: .socialMedia,
            touch: 0),
        Agent(
            name: "Iris van Dijk", team: "Special Care", employer: "in-house", country: "NL", role: .specialCare,
            touch: 2),
        Agent(
            name: "Thijs Hendriks", team: "Special Care", employer: "in-house", country: "NL", role: .specialCare,
            touch: 1),
    ]

    static let customers = [
        "Emma", "Julia", "Tess", "Sophie", "Anna", "Noah", "Sem", "Lucas", "Finn", "Levi", "Lieke", "Bram", "Femke",
        "Jesse", "Ilse", "Arthur", "Louise", "Victor", "Marie", "Jules",
    ]
    static let surnames = ["Willems", "Janssens", "de Boer", "Meijer", "de Graaf", "Vermeulen", "Dekker", "Goossens"]

    /// Channel and how much of the traffic it carries.
    static let channels: [(Channel, Double)] = [
        (.phone, 0.25), (.email, 0.25), (.chat, 0.2), (.facebookMessenger, 0.12), (.twitter, 0.06),
        (.whatsApp, 0.08), (.webForm, 0.04),
    ]

    static let categories: [(String, Double)] = [
        ("photo-books", 0.25), ("shoes", 0.25), ("electronics", 0.3), ("toys", 0.1), ("hair-care", 0.1),
    ]

    /// Subject, the story behind the purchase, and a suitable gesture.
    static let stories: [(subject: String, note: String, gesture: Tickets.GestureKind)] = [
        ("Photo book arrived damaged", "Wedding album for the parents' 40th anniversary", .replacement),
        ("LEGO set missing a bag", "Gift for a nephew's swimming diploma on Saturday", .replacement),
        ("Shoes one size too small", "Needed for a marathon next week", .voucher),
        ("Wrong hair dye delivered", "Customer dyed her hair green before a job interview", .service),
        ("Laptop will not start", "Student with a thesis deadline on Friday", .replacement),
        ("Parcel two days late", "Birthday present, the party was yesterday", .gift),
        ("Charged twice", "Noticed on the bank statement", .refund),
        ("Headphones crackle", "Daily commuter, uses them on the train", .voucher),
    ]

    static let promoterComments = [
        "Fixed in one call, without any hassle. Fantastic!", "So friendly and fast, thank you!",
        "They sent a replacement the same day. WOW.", "Best service I have had in years.",
    ]
    static let passiveComments = ["Solved, but it took a while.", "Fine, nothing special.", "Okay in the end."]
    static let detractorComments = [
        "I had to explain my problem three times.", "Waited far too long for an answer.",
        "The delivery was late again and nobody called me.", "Still not solved.",
    ]
}
