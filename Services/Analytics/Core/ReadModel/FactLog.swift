/// Where a fact lives in its `FactLog`: its UTC day bucket and position there.
/// Stable: buckets only grow at the end.
struct FactHandle: Hashable {
    var day: Int32
    var index: Int32

    /// "No fact".
    static let none = FactHandle(day: Int32.min, index: -1)
    var exists: Bool { day != Int32.min }
}

/// Facts bucketed by UTC day, so a window reads only the buckets it covers: whole
/// days inside it without looking at each fact's time, and the partial days at its
/// edges (time zones, custom ranges) fact by fact. Facts arriving out of time order
/// cost nothing extra (a bucket is in arrival order), and a handle stays valid so a
/// later event can update its fact.
struct FactLog<Fact: TimedFact> {
    private var buckets: [Int32: ContiguousArray<Fact>] = [:]
    /// The days that have a bucket, ascending.
    private var days: [Int32] = []
    private(set) var count = 0

    static var dayMs: Int64 { 86_400_000 }

    static func day(_ ms: Int64) -> Int32 {
        Int32(clamping: ms >= 0 ? ms / dayMs : (ms + 1) / dayMs - 1)
    }

    /// Adds `fact` and returns its handle.
    @discardableResult
    mutating func append(_ fact: Fact) -> FactHandle {
        let day = Self.day(fact.atMs)
        count += 1
        if buckets[day] == nil {
            days.insert(day, at: firstDay(atOrAfter: day))
            buckets[day] = [fact]
            return FactHandle(day: day, index: 0)
        }
        let index = Int32(buckets[day]!.count)
        buckets[day]!.append(fact)
        return FactHandle(day: day, index: index)
    }

    /// Changes the fact at `handle`; its time must stay the same.
    mutating func update(_ handle: FactHandle, _ body: (inout Fact) -> Void) {
        let at = buckets[handle.day]![Int(handle.index)].atMs
        body(&buckets[handle.day]![Int(handle.index)])
        precondition(buckets[handle.day]![Int(handle.index)].atMs == at, "a fact's time does not change")
    }

    subscript(handle: FactHandle) -> Fact { buckets[handle.day]![Int(handle.index)] }

    /// Calls `body` with every fact with from <= atMs < to (order within a day is
    /// arrival order; reports do not depend on it).
    func forEach(from: Int64, to: Int64, _ body: (Fact) -> Void) {
        guard from < to else { return }
        let first = Self.day(from)
        let last = Self.day(to - 1)
        var position = firstDay(atOrAfter: first)
        while position < days.count, days[position] <= last {
            let day = days[position]
            let dayStart = Int64(day) * Self.dayMs
            let whole = from <= dayStart && dayStart + Self.dayMs <= to
            buckets[day]!.withUnsafeBufferPointer { facts in
                if whole {
                    for fact in facts { body(fact) }
                } else {
                    for fact in facts where from <= fact.atMs && fact.atMs < to { body(fact) }
                }
            }
            position += 1
        }
    }

    /// The buckets in day order (for snapshots).
    var dayBuckets: [(day: Int32, facts: ContiguousArray<Fact>)] { days.map { ($0, buckets[$0]!) } }

    /// An empty log.
    init() {}

    /// A log of `dayBuckets` as `dayBuckets` gave them: days ascending, none empty.
    /// - Throws: `SnapshotError` when days repeat, are out of order, or a bucket is empty.
    init(dayBuckets: [(day: Int32, facts: ContiguousArray<Fact>)]) throws(SnapshotError) {
        buckets.reserveCapacity(dayBuckets.count)
        for (day, facts) in dayBuckets {
            guard !facts.isEmpty, days.last.map({ $0 < day }) ?? true else {
                throw SnapshotError("day \(day): empty, repeated or out of order")
            }
            guard facts.allSatisfy({ Self.day($0.atMs) == day }) else {
                throw SnapshotError("day \(day): holds a fact of another day")
            }
            days.append(day)
            buckets[day] = facts
            count += facts.count
        }
    }

    /// Whether every fact satisfies `predicate`.
    func allSatisfy(_ predicate: (Fact) -> Bool) -> Bool {
        buckets.values.allSatisfy { $0.allSatisfy(predicate) }
    }

    /// Whether `handle` names a fact of this log.
    func contains(_ handle: FactHandle) -> Bool {
        guard let bucket = buckets[handle.day] else { return false }
        return handle.index >= 0 && Int(handle.index) < bucket.count
    }

    private func firstDay(atOrAfter day: Int32) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let mid = (low + high) / 2
            if days[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
