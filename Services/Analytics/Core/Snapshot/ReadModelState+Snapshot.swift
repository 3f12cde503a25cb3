// The read model's sections in a snapshot, in the order written.
extension ReadModelState {
    func write(to writer: SnapshotWriter) {
        writer.int(UInt32(strings.names.count))
        for name in strings.names.dropFirst() { writer.string(name) }
        writer.int(UInt32(positions.count))
        for (source, position) in positions.sorted(by: { $0.key < $1.key }) {
            writer.string(source)
            writer.int(position)
            writer.int(lastEventAtMs[source] ?? 0)
            writer.int(lastEventDigest[source] ?? 0)
        }
        writer.int(undecodable)
        writer.log(responses)
        writer.log(tickets)
        writer.log(resolutions)
        writer.log(escalations)
        writer.log(gestures)
        writer.log(followUps)
        writer.log(compliments)
        for index in [ticketIndex, gestureIndex, followUpIndex] { writer.index(index) }
        writer.int(UInt32(pulses.count))
        for (key, counts) in pulses {
            writer.int(key.team)
            writer.string(key.period)
            writer.int(counts.promoters)
            writer.int(counts.passives)
            writer.int(counts.detractors)
        }
        writer.int(UInt32(employees.count))
        for (id, employee) in employees {
            writer.int(id)
            writer.string(employee.name)
            writer.int(employee.team)
            writer.int(employee.employer)
            writer.int(employee.role)
        }
        writer.int(UInt32(teamNames.count))
        for (id, name) in teamNames {
            writer.int(id)
            writer.string(name)
        }
        writer.int(UInt32(teamLeads.count))
        for (team, lead) in teamLeads {
            writer.int(team)
            writer.int(lead)
        }
        writer.int(SnapshotFormat.endMarker)
    }

    /// The state `write(to:)` wrote, checked: every string id and every handle
    /// points at something that exists.
    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init()
        let names = try reader.count(itemSize: 4)
        guard names >= 1 else { throw SnapshotError("strings: none, not even the empty one") }
        for _ in 1..<names {
            let name = try reader.string()
            guard strings.id(name) == UInt32(strings.names.count - 1), !name.isEmpty else {
                throw SnapshotError("strings: \"\(name)\" repeated or empty")
            }
        }
        for _ in 0..<(try reader.count(itemSize: 28)) {
            let source = try reader.string()
            positions[source] = try reader.int(UInt64.self)
            lastEventAtMs[source] = try reader.int(Int64.self)
            lastEventDigest[source] = try reader.int(UInt64.self)
        }
        undecodable = try reader.int(UInt64.self)
        responses = try reader.log(ResponseFact.self)
        tickets = try reader.log(TicketFact.self)
        resolutions = try reader.log(ResolutionFact.self)
        escalations = try reader.log(EscalationFact.self)
        gestures = try reader.log(GestureFact.self)
        followUps = try reader.log(FollowUpFact.self)
        compliments = try reader.log(ComplimentFact.self)
        ticketIndex = try reader.index(within: tickets)
        gestureIndex = try reader.index(within: gestures)
        followUpIndex = try reader.index(within: followUps)
        for _ in 0..<(try reader.count(itemSize: 32)) {
            let key = PulseKey(team: try reader.int(), period: try reader.string())
            pulses[key] = NpsCounts(
                promoters: try reader.int(), passives: try reader.int(), detractors: try reader.int())
        }
        for _ in 0..<(try reader.count(itemSize: 20)) {
            let id: UInt32 = try reader.int()
            employees[id] = EmployeeInfo(
                name: try reader.string(), team: try reader.int(), employer: try reader.int(), role: try reader.int())
        }
        for _ in 0..<(try reader.count(itemSize: 8)) {
            let id: UInt32 = try reader.int()
            teamNames[id] = try reader.string()
        }
        for _ in 0..<(try reader.count(itemSize: 8)) {
            let team: UInt32 = try reader.int()
            teamLeads[team] = try reader.int()
        }
        guard try reader.int(UInt32.self) == SnapshotFormat.endMarker, reader.remaining == 0 else {
            throw SnapshotError("no end marker where the sections end")
        }
        try checkReferences()
    }

    /// Every handle inside a fact names a fact, and every string id a string.
    private func checkReferences() throws(SnapshotError) {
        let known = UInt32(strings.names.count)
        func valid(_ dims: Dims) -> Bool {
            dims.country < known && dims.category < known && dims.employee < known && dims.team < known
                && dims.employer < known
        }
        let dimsOK =
            responses.allSatisfy { valid($0.dims) } && tickets.allSatisfy { valid($0.dims) }
            && resolutions.allSatisfy { valid($0.dims) } && escalations.allSatisfy { valid($0.dims) }
            && gestures.allSatisfy { valid($0.dims) && $0.currency < known } && followUps.allSatisfy { valid($0.dims) }
            && compliments.allSatisfy { valid($0.dims) && $0.values.allSatisfy { $0 < known } }
        let handlesOK =
            tickets.allSatisfy { !$0.lastResolution.exists || resolutions.contains($0.lastResolution) }
            && escalations.allSatisfy { tickets.contains($0.ticket) }
        let idsOK =
            pulses.keys.allSatisfy { $0.team < known }
            && employees.allSatisfy { $0.key < known && $0.value.team < known && $0.value.employer < known }
            && teamNames.keys.allSatisfy { $0 < known } && teamLeads.allSatisfy { $0.key < known && $0.value < known }
        guard dimsOK, handlesOK, idsOK else {
            throw SnapshotError("a fact refers to a string or fact that is not there")
        }
    }
}

extension SnapshotWriter {
    /// An id -> fact index: the ids, then the handles as columns.
    func index(_ index: [String: FactHandle]) {
        int(UInt32(index.count))
        let entries = ContiguousArray(index)
        for (id, _) in entries { string(id) }
        handles(entries) { $0.value }
    }
}

extension SnapshotReader {
    mutating func index<Fact>(within log: FactLog<Fact>) throws(SnapshotError) -> [String: FactHandle] {
        let count = try count(itemSize: 12)
        var ids: [String] = []
        ids.reserveCapacity(count)
        for _ in 0..<count { ids.append(try string()) }
        let handles = try handles(count)
        var index: [String: FactHandle] = [:]
        index.reserveCapacity(count)
        for (id, handle) in zip(ids, handles) {
            guard log.contains(handle), index.updateValue(handle, forKey: id) == nil else {
                throw SnapshotError("index: \(id) repeated or pointing nowhere")
            }
        }
        return index
    }
}
