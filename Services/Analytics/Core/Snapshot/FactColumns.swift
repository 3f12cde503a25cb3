/// A fact a snapshot stores as columns: `write` puts each attribute of a day's
/// facts one after the other, `read` builds the facts back.
protocol SnapshotFact: TimedFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter)
    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self>
}

extension SnapshotWriter {
    func dims<Item>(_ items: ContiguousArray<Item>, _ field: (Item) -> Dims) {
        column(items) { field($0).country }
        column(items) { field($0).category }
        column(items) { field($0).employee }
        column(items) { field($0).team }
        column(items) { field($0).employer }
        column(items) { field($0).channel }
    }

    func handles<Item>(_ items: ContiguousArray<Item>, _ field: (Item) -> FactHandle) {
        column(items) { field($0).day }
        column(items) { field($0).index }
    }

    func log<Fact: SnapshotFact>(_ log: FactLog<Fact>) {
        let buckets = log.dayBuckets
        int(UInt32(buckets.count))
        for (day, facts) in buckets {
            int(day)
            int(UInt32(facts.count))
            Fact.write(facts, to: self)
        }
    }
}

extension SnapshotReader {
    mutating func dims(_ count: Int) throws(SnapshotError) -> ContiguousArray<Dims> {
        let country = try column(count, UInt32.self)
        let category = try column(count, UInt32.self)
        let employee = try column(count, UInt32.self)
        let team = try column(count, UInt32.self)
        let employer = try column(count, UInt32.self)
        let channel = try column(count, UInt8.self)
        return ContiguousArray(
            (0..<count).lazy.map {
                Dims(
                    country: country[$0], category: category[$0], employee: employee[$0], team: team[$0],
                    employer: employer[$0], channel: channel[$0])
            })
    }

    mutating func handles(_ count: Int) throws(SnapshotError) -> ContiguousArray<FactHandle> {
        let day = try column(count, Int32.self)
        let index = try column(count, Int32.self)
        return ContiguousArray((0..<count).lazy.map { FactHandle(day: day[$0], index: index[$0]) })
    }

    mutating func log<Fact: SnapshotFact>(_: Fact.Type) throws(SnapshotError) -> FactLog<Fact> {
        let bucketCount = try count(itemSize: 8)
        var buckets: [(day: Int32, facts: ContiguousArray<Fact>)] = []
        buckets.reserveCapacity(bucketCount)
        for _ in 0..<bucketCount {
            let day = try int(Int32.self)
            let facts = try Fact.read(try count(itemSize: 9), from: &self)
            buckets.append((day, facts))
        }
        return try FactLog(dayBuckets: buckets)
    }
}

extension ResponseFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.column(facts) { $0.score }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let score = try reader.column(count, Int8.self)
        return ContiguousArray((0..<count).lazy.map { ResponseFact(atMs: at[$0], dims: dims[$0], score: score[$0]) })
    }
}

extension TicketFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.column(facts) { $0.responseMs }
        writer.flags(facts) { $0.withinTarget }
        writer.flags(facts) { $0.breached }
        writer.column(facts) { $0.dueAtMs }
        writer.column(facts) { $0.resolvedAtMs }
        writer.handles(facts) { $0.lastResolution }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let response = try reader.column(count, Int64.self)
        let within = try reader.flags(count)
        let breached = try reader.flags(count)
        let due = try reader.column(count, Int64.self)
        let resolved = try reader.column(count, Int64.self)
        let last = try reader.handles(count)
        return ContiguousArray(
            (0..<count).lazy.map {
                TicketFact(
                    atMs: at[$0], responseMs: response[$0], dueAtMs: due[$0], resolvedAtMs: resolved[$0],
                    dims: dims[$0],
                    withinTarget: within[$0], breached: breached[$0], lastResolution: last[$0])
            })
    }
}

extension ResolutionFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.flags(facts) { $0.firstContact }
        writer.flags(facts) { $0.superseded }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let first = try reader.flags(count)
        let superseded = try reader.flags(count)
        return ContiguousArray(
            (0..<count).lazy.map {
                ResolutionFact(atMs: at[$0], dims: dims[$0], firstContact: first[$0], superseded: superseded[$0])
            })
    }
}

extension EscalationFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.column(facts) { $0.trigger }
        writer.handles(facts) { $0.ticket }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let trigger = try reader.column(count, UInt8.self)
        let ticket = try reader.handles(count)
        return ContiguousArray(
            (0..<count).lazy.map {
                EscalationFact(atMs: at[$0], dims: dims[$0], trigger: trigger[$0], ticket: ticket[$0])
            })
    }
}

extension GestureFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.column(facts) { $0.kind }
        writer.column(facts) { $0.currency }
        writer.column(facts) { $0.amount }
        writer.flags(facts) { $0.granted }
        writer.flags(facts) { $0.approvedOverBudget }
        writer.flags(facts) { $0.superseded }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let kind = try reader.column(count, UInt8.self)
        let currency = try reader.column(count, UInt32.self)
        let amount = try reader.column(count, Int64.self)
        let granted = try reader.flags(count)
        let overBudget = try reader.flags(count)
        let superseded = try reader.flags(count)
        return ContiguousArray(
            (0..<count).lazy.map {
                GestureFact(
                    atMs: at[$0], dims: dims[$0], kind: kind[$0], currency: currency[$0], amount: amount[$0],
                    granted: granted[$0], approvedOverBudget: overBudget[$0], superseded: superseded[$0])
            })
    }
}

extension FollowUpFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.column(facts) { $0.openedAtMs }
        writer.column(facts) { $0.closedAtMs }
        writer.column(facts) { $0.failedAtMs }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let opened = try reader.column(count, Int64.self)
        let closed = try reader.column(count, Int64.self)
        let failed = try reader.column(count, Int64.self)
        return ContiguousArray(
            (0..<count).lazy.map {
                FollowUpFact(
                    atMs: at[$0], dims: dims[$0], openedAtMs: opened[$0], closedAtMs: closed[$0], failedAtMs: failed[$0]
                )
            })
    }
}

extension ComplimentFact: SnapshotFact {
    static func write(_ facts: ContiguousArray<Self>, to writer: SnapshotWriter) {
        writer.column(facts) { $0.atMs }
        writer.dims(facts) { $0.dims }
        writer.flags(facts) { $0.withConsent }
        writer.flags(facts) { $0.fromPeer }
        writer.column(facts) { UInt32($0.values.count) }
        for fact in facts { writer.column(ContiguousArray(fact.values)) { $0 } }
    }

    static func read(_ count: Int, from reader: inout SnapshotReader) throws(SnapshotError) -> ContiguousArray<Self> {
        let at = try reader.column(count, Int64.self)
        let dims = try reader.dims(count)
        let consent = try reader.flags(count)
        let peer = try reader.flags(count)
        let valueCounts = try reader.column(count, UInt32.self)
        var facts = ContiguousArray<Self>()
        facts.reserveCapacity(count)
        for index in 0..<count {
            let values = try reader.column(Int(valueCounts[index]), UInt32.self)
            facts.append(
                ComplimentFact(
                    atMs: at[index], dims: dims[index], values: Array(values), withConsent: consent[index],
                    fromPeer: peer[index]))
        }
        return facts
    }
}
