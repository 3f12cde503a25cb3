import Contract

extension ReadModelState {
    static let npsDimensions: [Analytics.Dimension] = [
        .country, .productCategory, .channel, .employee, .team, .employer, .employerKind, .day,
    ]

    /// NPS of the responses answered in the window, per group and in total.
    package func nps(_ request: Analytics.GetNpsRequest) throws -> Analytics.GetNpsReply {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.npsDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: NpsCounts] = [:]
        var dense = DenseCells(grouping, idCount: strings.names.count, initial: NpsCounts())
        var total = NpsCounts()
        let grouped = !grouping.dimensions.isEmpty
        let inHouse = inHouse
        responses.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard filter.matches(fact.dims) else { return }
            total.add(score: fact.score)
            guard grouped else { return }
            let kind: UInt8 = fact.dims.employer == 0 ? 0 : fact.dims.employer == inHouse ? 1 : 2
            let code = grouping.code(fact.dims, atMs: fact.atMs, employerKind: kind)
            if dense != nil {
                dense!.update(code) { $0.add(score: fact.score) }
            } else {
                groups[code, default: NpsCounts()].add(score: fact.score)
            }
        }
        if let dense, grouped { groups = dense.groups }
        let rows = grouping.sorted(groups.keys, self).map { code in
            ReportSupport.npsRow(groups[code]!, key: grouping.key(code, self))
        }
        return Analytics.GetNpsReply(rows: rows, total: ReportSupport.npsRow(total, key: nil), as_of: position)
    }
}
