/// Aggregation into a flat array instead of a hash table when the groups' value
/// ranges are small (channel x country, employee x day...): one index computation
/// per fact, no hashing. `Grouping` falls back to a dictionary when the cells would
/// exceed `limit`.
struct DenseCells<Value> {
    private let radix: [UInt32]
    private(set) var cells: [Value]
    private(set) var used: [Bool]

    /// - Parameters:
    ///   - idCount: how many interned strings exist (the range of string ids).
    init?(_ grouping: Grouping, idCount: Int, initial: Value, limit: Int = 1 << 16) {
        var radix: [UInt32] = []
        var product = 1
        for dimension in grouping.dimensions {
            let bound: Int
            switch dimension {
            case .channel, .gestureKind, .escalationTrigger: bound = 16
            case .employerKind: bound = 3
            case .day: bound = max(1, grouping.days.count)
            default: bound = max(1, idCount)
            }
            product *= bound
            guard product <= limit else { return nil }
            radix.append(UInt32(bound))
        }
        self.radix = radix
        cells = Array(repeating: initial, count: product)
        used = Array(repeating: false, count: product)
    }

    /// The cell of `code`.
    func index(_ code: GroupCode) -> Int {
        var index = 0
        for slot in radix.indices { index = index * Int(radix[slot]) + Int(code[slot]) }
        return index
    }

    mutating func update(_ code: GroupCode, _ body: (inout Value) -> Void) {
        let index = index(code)
        used[index] = true
        body(&cells[index])
    }

    /// The groups that received facts, with their values.
    var groups: [GroupCode: Value] {
        var result: [GroupCode: Value] = [:]
        for index in cells.indices where used[index] {
            var code = GroupCode()
            var rest = index
            for slot in radix.indices.reversed() {
                code[slot] = UInt32(rest % Int(radix[slot]))
                rest /= Int(radix[slot])
            }
            result[code] = cells[index]
        }
        return result
    }
}
