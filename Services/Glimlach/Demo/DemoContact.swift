import Contract
import Domain
import Foundation

/// One generated customer contact: everything drawn up front from the seed, so
/// the calls that load it can run concurrently and still be reproducible.
struct DemoContact: Sendable {
    let number: Int
    let agent: DemoCast.Agent
    let customerName: String
    let country: String
    let channel: Channel
    let category: String
    let story: (subject: String, note: String, gesture: Tickets.GestureKind)
    let receivedAt: Date
    let answeredAfter: TimeInterval
    /// Goodwill in euro cents, if the agent grants a gesture.
    let gestureCents: Int64?
    let escalate: Bool
    let resolve: Bool
    /// The survey answer, if the customer answers.
    let score: Int?
    let comment: String
    let consent: Bool
    /// History only: from the first reply to the resolution, and from the resolution
    /// to the customer's answer.
    let resolveAfter: TimeInterval
    let surveyAfter: TimeInterval
    /// Solved without the customer having to write again.
    let firstContact: Bool
    /// History only: a detractor the old tool already followed up.
    let followedUpElsewhere: Bool

    /// The customer as tickets records them.
    var customer: Tickets.Customer {
        Tickets.Customer(
            name: customerName, handle: handle, country: country, language: country == "NL" ? "nl-NL" : "nl-BE")
    }

    /// How the customer reaches us on the contact's channel.
    var handle: String {
        let slug = customerName.lowercased().replacingOccurrences(of: " ", with: ".")
        return switch channel {
        case .twitter: "@" + slug.replacingOccurrences(of: ".", with: "_")
        case .phone, .whatsApp: "+3\(country == "NL" ? "1" : "2")6\(String(format: "%08d", number))"
        default: "\(slug).\(number)@mail.example"
        }
    }

    static let zone = TimeZone(identifier: "Europe/Amsterdam")!

    /// Draws contact `number` of the last `days` days before `now`.
    static func draw(_ number: Int, days: Int, now: Date, random: inout SeededRandom) -> DemoContact {
        let channel = random.weighted(DemoCast.channels)
        let country = random.chance(0.6) ? "NL" : "BE"
        let team =
            channel.isSocial
            ? "Social Media" : country == "NL" ? "Service Experts Utrecht" : "Service Experts Antwerpen"
        let agents = DemoCast.agents.filter { $0.team == team }
        let agent = agents[Int.random(in: 0..<agents.count, using: &random)]
        let story = DemoCast.stories[Int.random(in: 0..<DemoCast.stories.count, using: &random)]
        let receivedAt = contactTime(channel, days: days, now: now, random: &random)
        let answeredAfter = min(responseDelay(channel, random: &random), now.timeIntervalSince(receivedAt))
        let resolve = random.chance(0.85)
        let score = resolve && random.chance(0.6) ? drawScore(agent.touch, random: &random) : nil
        let comments: [String] =
            switch score ?? 8 {
            case 9...: DemoCast.promoterComments
            case 7...8: DemoCast.passiveComments
            default: DemoCast.detractorComments
            }
        return DemoContact(
            number: number, agent: agent,
            customerName:
                "\(DemoCast.customers.randomElement(using: &random)!) \(DemoCast.surnames.randomElement(using: &random)!)",
            country: country, channel: channel, category: random.weighted(DemoCast.categories), story: story,
            receivedAt: receivedAt, answeredAfter: answeredAfter,
            gestureCents: random.chance(0.2) ? Int64.random(in: 5...45, using: &random) * 100 : nil,
            escalate: random.chance(0.05), resolve: resolve, score: score,
            comment: comments.randomElement(using: &random)!, consent: random.chance(0.6),
            resolveAfter: Double.random(in: 600...(30 * 3600), using: &random),
            surveyAfter: Double.random(in: 3600...(48 * 3600), using: &random),
            firstContact: random.chance(channel == .facebookMessenger ? 0.7 : 0.6),
            followedUpElsewhere: random.chance(0.8))
    }

    /// Customers write at realistic local hours: mostly daytime, peaking in the
    /// evening on chat and social, within the channel's opening hours.
    private static func contactTime(_ channel: Channel, days: Int, now: Date, random: inout SeededRandom) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hours: [(Int, Double)] = (8...22).map { ($0, $0 >= 19 ? 1.5 : $0 < 10 ? 0.6 : 1.0) }
        for _ in 0..<20 {
            let day = calendar.date(byAdding: .day, value: -Int.random(in: 0..<max(days, 1), using: &random), to: now)!
            var parts = calendar.dateComponents([.year, .month, .day], from: day)
            parts.hour = random.weighted(hours)
            parts.minute = Int.random(in: 0..<60, using: &random)
            if let date = calendar.date(from: parts), date < now.addingTimeInterval(-3600) { return date }
        }
        return now.addingTimeInterval(-7200)
    }

    /// Phone is answered live, social and chat within minutes, email within hours.
    private static func responseDelay(_ channel: Channel, random: inout SeededRandom) -> TimeInterval {
        switch channel {
        case .phone, .inStore: 0
        case .chat: Double.random(in: 30...600, using: &random)
        case .twitter, .facebookMessenger, .whatsApp: Double.random(in: 120...5400, using: &random)
        case .email, .webForm: Double.random(in: 1800...(36 * 3600), using: &random)
        }
    }

    /// Most customers are happy; an agent's touch moves the odds.
    private static func drawScore(_ touch: Int, random: inout SeededRandom) -> Int {
        let promoter = 0.55 + 0.07 * Double(touch)
        let detractor = max(0.05, 0.15 - 0.04 * Double(touch))
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < promoter { return random.chance(0.5) ? 10 : 9 }
        if roll < promoter + detractor { return Int.random(in: 2...6, using: &random) }
        return random.chance(0.5) ? 8 : 7
    }
}
