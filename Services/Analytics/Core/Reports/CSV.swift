import Contract
import Domain
import Foundation

/// A report as CSV (written by `CSV`, lines without terminators): the columns of its
/// group key, then its figures. Total rows have empty key columns and "total" in `row`.
struct CSVTable {
    var name: String
    var header: [String]
    var rows: [[String]] = []
}

/// Field formatting shared by the exports.
enum CSVField {
    static func text(_ value: String?) -> String { value ?? "" }
    static func number(_ value: (some BinaryInteger)?) -> String { value.map { "\($0)" } ?? "" }
    static func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    /// ISO 8601 with the zone's offset.
    static func time(_ ms: Int64?, _ zone: TimeZone) -> String {
        guard let ms else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(unixMilliseconds: ms))
    }

    /// Column names of a group key.
    static func keyHeader(_ dimensions: [Analytics.Dimension]) -> [String] {
        dimensions.flatMap { dimension -> [String] in
            switch dimension {
            case .country: ["country"]
            case .productCategory: ["product_category"]
            case .channel: ["channel"]
            case .employee: ["employee_id", "employee_name"]
            case .team: ["team_id", "team_name"]
            case .employer: ["employer_id"]
            case .employerKind: ["employer_kind"]
            case .day: ["day", "day_start"]
            case .gestureKind: ["gesture_kind"]
            case .coreValue: ["value_id"]
            case .escalationTrigger: ["escalation_trigger"]
            case .unspecified: []
            }
        }
    }

    /// Fields of a group key (all empty for a total row).
    static func keyFields(_ key: Analytics.GroupKey?, _ dimensions: [Analytics.Dimension], _ zone: TimeZone) -> [String]
    {
        dimensions.flatMap { dimension -> [String] in
            guard let key else { return keyHeader([dimension]).map { _ in "" } }
            switch dimension {
            case .country: return [text(key.country)]
            case .productCategory: return [text(key.product_category)]
            case .channel: return [key.channel?.slug ?? ""]
            case .employee: return [text(key.employee_id), text(key.employee_name)]
            case .team: return [text(key.team_id), text(key.team_name)]
            case .employer: return [text(key.employer_id)]
            case .employerKind: return [key.employer_kind.map { "\($0)" } ?? ""]
            case .day: return [text(key.day), time(key.day_start_ms, zone)]
            case .gestureKind: return [key.gesture_kind.map { "\($0)" } ?? ""]
            case .coreValue: return [text(key.value_id)]
            case .escalationTrigger: return [key.escalation_trigger.map { "\($0)" } ?? ""]
            case .unspecified: return []
            }
        }
    }
}
