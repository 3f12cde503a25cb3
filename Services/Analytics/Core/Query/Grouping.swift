import Bus
import Contract
import Domain
import Foundation

/// A group's identity: one slot per requested dimension (ids, enum numbers or day
/// index), plus a last slot for the currency where money is summed. Hashes as one
/// mixed 64-bit word: reports hash a code per fact.
struct GroupCode: Hashable {
    private var lanes = SIMD16<UInt32>()

    subscript(slot: Int) -> UInt32 {
        get { lanes[slot] }
        set { lanes[slot] = newValue }
    }

    static func == (lhs: GroupCode, rhs: GroupCode) -> Bool { lhs.lanes == rhs.lanes }

    func hash(into hasher: inout Hasher) {
        var mixed: UInt64 = 0xCBF2_9CE4_8422_2325
        for slot in 0..<16 { mixed = (mixed ^ UInt64(lanes[slot])) &* 0x100_0000_01B3 }
        hasher.combine(mixed)
    }
}

/// A request's `group_by` checked against what the report accepts, with the window's
/// local days for DAY.
struct Grouping {
    let dimensions: [Analytics.Dimension]
    let days: [TimeWindow]
    private let dayStarts: [Int64]
    static let currencySlot = 15

    /// - Throws: INVALID_ARGUMENT naming "group_by" for a dimension the report does
    ///   not accept.
    init(_ groupBy: [Analytics.Dimension], accepted: [Analytics.Dimension], window: TimeWindow) throws {
        var dimensions: [Analytics.Dimension] = []
        for dimension in groupBy where !dimensions.contains(dimension) {
            guard accepted.contains(dimension) else {
                let names = accepted.map { "\($0)" }.joined(separator: ", ")
                throw RPCError.invalidArgument(
                    field: "group_by", "\(dimension) is not accepted here (accepted: \(names))")
            }
            dimensions.append(dimension)
        }
        self.dimensions = dimensions
        days = dimensions.contains(.day) ? window.days : []
        dayStarts = days.map { $0.from.unixMs }
    }

    /// The group of a fact. `value`, `kind` and `trigger` are the core value, gesture
    /// kind and escalation trigger where the report has them.
    func code(
        _ dims: Dims, atMs: Int64, employerKind: UInt8, value: UInt32 = 0, kind: UInt8 = 0, trigger: UInt8 = 0,
        currency: UInt32 = 0
    ) -> GroupCode {
        var code = GroupCode()
        for (slot, dimension) in dimensions.enumerated() {
            switch dimension {
            case .country: code[slot] = dims.country
            case .productCategory: code[slot] = dims.category
            case .channel: code[slot] = UInt32(dims.channel)
            case .employee: code[slot] = dims.employee
            case .team: code[slot] = dims.team
            case .employer: code[slot] = dims.employer
            case .employerKind: code[slot] = UInt32(employerKind)
            case .day: code[slot] = UInt32(dayIndex(atMs))
            case .gestureKind: code[slot] = UInt32(kind)
            case .coreValue: code[slot] = value
            case .escalationTrigger: code[slot] = UInt32(trigger)
            case .unspecified: break
            }
        }
        code[Self.currencySlot] = currency
        return code
    }

    private func dayIndex(_ ms: Int64) -> Int {
        var low = 0
        var high = dayStarts.count
        while low < high {
            let mid = (low + high) / 2
            if dayStarts[mid] <= ms { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    /// The wire key of a group, with names for display.
    func key(_ code: GroupCode, _ state: borrowing ReadModelState) -> Analytics.GroupKey {
        var key = Analytics.GroupKey()
        for (slot, dimension) in dimensions.enumerated() {
            let id = code[slot]
            switch dimension {
            case .country: key.country = state.strings.name(id)
            case .productCategory: key.product_category = state.strings.name(id)
            case .channel: key.channel = try? Channel(wireValue: Int32(id))
            case .employee:
                key.employee_id = state.strings.name(id)
                key.employee_name = state.employees[id]?.name ?? ""
            case .team:
                key.team_id = state.strings.name(id)
                key.team_name = state.teamNames[id] ?? ""
            case .employer: key.employer_id = state.strings.name(id)
            case .employerKind: key.employer_kind = Staff.EmployerKind(rawValue: Int32(id))
            case .day:
                let day = days[Int(id)]
                let date = LocalDate(containing: day.from, in: day.timeZone)
                key.day = date.description
                key.day_start_ms = date.start(in: day.timeZone).unixMs
            case .gestureKind: key.gesture_kind = Tickets.GestureKind(rawValue: Int32(id))
            case .coreValue: key.value_id = state.strings.name(id)
            case .escalationTrigger: key.escalation_trigger = Tickets.EscalationTrigger(rawValue: Int32(id))
            case .unspecified: break
            }
        }
        return key
    }

    /// Orders groups by their keys, dimension by dimension in request order
    /// (strings by text, enums by number, days by date), then currency.
    func sorted(_ codes: some Sequence<GroupCode>, _ state: borrowing ReadModelState) -> [GroupCode] {
        let keyed = codes.map { code in (code, sortKey(code, state)) }
        return keyed.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    private func sortKey(_ code: GroupCode, _ state: borrowing ReadModelState) -> [String] {
        var parts: [String] = []
        for (slot, dimension) in dimensions.enumerated() {
            switch dimension {
            case .country, .productCategory, .employee, .team, .employer, .coreValue:
                parts.append(state.strings.name(code[slot]))
            default: parts.append(String(format: "%010u", code[slot]))
            }
        }
        parts.append(state.strings.name(code[Self.currencySlot]))
        return parts
    }
}
