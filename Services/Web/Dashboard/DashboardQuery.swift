import Contract
import Domain
import Foundation
import Hummingbird

/// The dashboard's filters, from the query string: `days` (7, 14, 30, 90 or 365;
/// default 30), `group` (all, channel, country, product-category, team or employer: which NPS
/// breakdowns to show), `min` (responses before a person is ranked; default 5) and
/// `team` (a team's id: only its contacts and people; default every team).
/// Unknown values fall back to the defaults.
struct DashboardQuery: Sendable, Equatable {
    static let dayChoices = [7, 14, 30, 90, 365]
    static let groups: [(slug: String, title: String, dimension: Analytics.Dimension)] = [
        ("channel", "channel", .channel), ("country", "country", .country),
        ("product-category", "product category", .productCategory), ("team", "team", .team),
        ("employer", "employer", .employer),
    ]

    var days = 30
    var group = "all"
    var minResponses: UInt32 = 5
    /// The team the figures are narrowed to; nil for every team.
    var team: String?

    init() {}

    init(_ request: Request) {
        let query = request.uri.queryParameters
        if let days = query["days"].flatMap({ Int(String($0)) }), Self.dayChoices.contains(days) { self.days = days }
        if let group = query["group"].map(String.init), Self.groups.contains(where: { $0.slug == group }) {
            self.group = group
        }
        if let min = query["min"].flatMap({ UInt32(String($0)) }), (1...1000).contains(min) { minResponses = min }
        if let team = query["team"].map(String.init), (1...64).contains(team.count),
            team.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            self.team = team
        }
    }

    /// Analytics' filter for the chosen team; nil for every team.
    var filter: Analytics.Filter? { team.map { Analytics.Filter(team_ids: [$0]) } }

    /// The breakdowns to show.
    var dimensions: [(slug: String, title: String, dimension: Analytics.Dimension)] {
        group == "all" ? Self.groups : Self.groups.filter { $0.slug == group }
    }

    /// The last `days` local days up to and including today.
    func window(now: Date, in zone: TimeZone) -> Domain.TimeWindow {
        let today = LocalDate(containing: now, in: zone)
        let tomorrow = today.adding(days: 1)
        // from < to always holds: days >= 7.
        return
            (try? Domain.TimeWindow(
                from: tomorrow.adding(days: -days).start(in: zone), to: tomorrow.start(in: zone), timeZone: zone))
            ?? Domain.TimeWindow.day(containing: now, in: zone)
    }

    /// The query string that reproduces these filters (for links and CSV downloads).
    var queryString: String { "days=\(days)&group=\(group)&min=\(minResponses)" + (team.map { "&team=\($0)" } ?? "") }
}
