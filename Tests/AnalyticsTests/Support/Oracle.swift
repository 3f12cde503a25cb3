import Contract
import Domain
import Foundation

/// The tests' own computation of every figure, straight from `RawWorld` rows: plain
/// loops, Foundation's calendar for local days, string keys. Deliberately shares no
/// code with the service.
struct Oracle {
    let world: RawWorld

    struct Span {
        var from: Int64
        var to: Int64
        var zone: String
        var window: TimeWindow {
            try! TimeWindow(
                from: Date(unixMilliseconds: from), to: Date(unixMilliseconds: to),
                timeZone: TimeZone(identifier: zone)!)
        }
        func contains(_ ms: Int64) -> Bool { from <= ms && ms < to }
    }

    static func day(_ ms: Int64, _ zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: zone)!
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    static func kind(_ employer: String) -> String {
        employer.isEmpty ? "0" : employer == "in-house" ? "1" : "2"
    }

    /// The attributes a row can be grouped and filtered by, as strings.
    struct Attributes {
        var country = ""
        var category = ""
        var channel = "0"
        var employee = ""
        var team = ""
        var employer = ""
        var at: Int64 = 0
        var extra = ""

        func value(_ dimension: Analytics.Dimension, _ zone: String) -> String {
            switch dimension {
            case .country: country
            case .productCategory: category
            case .channel: channel
            case .employee: employee
            case .team: team
            case .employer: employer
            case .employerKind: Oracle.kind(employer)
            case .day: Oracle.day(at, zone)
            default: extra
            }
        }

        func passes(_ filter: Analytics.Filter?) -> Bool {
            guard let filter else { return true }
            func ok(_ list: [String], _ value: String) -> Bool { list.isEmpty || list.contains(value) }
            return ok(filter.countries, country) && ok(filter.product_categories, category)
                && ok(filter.channels.map { "\($0.wireValue)" }, channel) && ok(filter.employee_ids, employee)
                && ok(filter.team_ids, team) && ok(filter.employer_ids, employer)
                && ok(filter.employer_kinds.map { "\($0.rawValue)" }, Oracle.kind(employer))
        }
    }

    /// Groups `rows` by `dimensions`, folding each into `Value`.
    static func group<Row, Value>(
        _ rows: [Row], _ dimensions: [Analytics.Dimension], _ span: Span, _ filter: Analytics.Filter?,
        attributes: (Row) -> [Attributes], initial: Value, fold: (inout Value, Row) -> Void
    ) -> [[String]: Value] {
        var groups: [[String]: Value] = [:]
        for row in rows {
            for attributes in attributes(row) where span.contains(attributes.at) && attributes.passes(filter) {
                fold(&groups[dimensions.map { attributes.value($0, span.zone) }, default: initial], row)
            }
        }
        return groups
    }

    /// The same key from a reply's `GroupKey`.
    static func key(_ key: Analytics.GroupKey?, _ dimensions: [Analytics.Dimension]) -> [String] {
        guard let key else { return [] }
        return dimensions.map { dimension in
            switch dimension {
            case .country: key.country ?? "?"
            case .productCategory: key.product_category ?? "?"
            case .channel: "\(key.channel?.wireValue ?? 0)"
            case .employee: key.employee_id ?? "?"
            case .team: key.team_id ?? "?"
            case .employer: key.employer_id ?? "?"
            case .employerKind: "\(key.employer_kind?.rawValue ?? 0)"
            case .day: key.day ?? "?"
            case .gestureKind: "\(key.gesture_kind?.rawValue ?? 0)"
            case .coreValue: key.value_id ?? "?"
            case .escalationTrigger: "\(key.escalation_trigger?.rawValue ?? 0)"
            case .unspecified: "?"
            }
        }
    }

    /// NPS = %promoters - %detractors, and the adjusted Wald 95% interval: ¾ promoter,
    /// ¾ detractor and 1½ passive added, centre ± 1.96 * sqrt(Var') with
    /// Var' = 100^2 (p' + d' - (p' - d')^2) / (n + 3), clamped to -100...100.
    static func nps(_ scores: [Int]) -> (nps: Double, margin: Double, lower: Double, upper: Double)? {
        guard !scores.isEmpty else { return nil }
        let n = Double(scores.count)
        let promoters = Double(scores.filter { $0 >= 9 }.count)
        let detractors = Double(scores.filter { $0 <= 6 }.count)
        let (p, d) = ((promoters + 0.75) / (n + 3), (detractors + 0.75) / (n + 3))
        let margin = 1.96 * (10_000 * (p + d - (p - d) * (p - d)) / (n + 3)).squareRoot()
        let center = 100 * (p - d)
        return (100 * (promoters - detractors) / n, margin, max(-100, center - margin), min(100, center + margin))
    }

    /// Nearest rank: the value at position ceil(p * n) of the sorted values.
    static func percentile(_ values: [Int64], _ p: Double) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[max(1, Int((p * Double(sorted.count)).rounded(.up))) - 1]
    }

    func responseAttributes(_ response: RawWorld.Response) -> Attributes {
        Attributes(
            country: response.country, category: response.category, channel: "\(response.channel?.wireValue ?? 0)",
            employee: response.agent, team: response.team, employer: response.employer, at: response.at)
    }
}
