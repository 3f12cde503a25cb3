import Contract

/// A request's `Filter` in the read model's ids: every non-empty list must match
/// (any of its values); a fact without a value for a filtered attribute does not.
/// Values never seen match nothing.
struct CompiledFilter {
    var countries: Set<UInt32>?
    var categories: Set<UInt32>?
    var channels: Set<UInt8>?
    var employees: Set<UInt32>?
    var teams: Set<UInt32>?
    var employers: Set<UInt32>?
    var employerKinds: Set<UInt8>?
    let inHouse: UInt32

    init(_ filter: Analytics.Filter?, _ state: borrowing ReadModelState) {
        inHouse = state.inHouse
        guard let filter else { return }
        func ids(_ values: [String]) -> Set<UInt32>? {
            values.isEmpty ? nil : Set(values.map { state.strings.existing($0) ?? UInt32.max })
        }
        countries = ids(filter.countries)
        categories = ids(filter.product_categories)
        employees = ids(filter.employee_ids)
        teams = ids(filter.team_ids)
        employers = ids(filter.employer_ids)
        channels = filter.channels.isEmpty ? nil : Set(filter.channels.map { UInt8($0.wireValue) })
        employerKinds = filter.employer_kinds.isEmpty ? nil : Set(filter.employer_kinds.map { UInt8($0.rawValue) })
    }

    /// Whether nothing is filtered.
    var isEmpty: Bool {
        countries == nil && categories == nil && channels == nil && employees == nil && teams == nil
            && employers == nil && employerKinds == nil
    }

    /// The same filter without team and employer conditions (personal NPS applies
    /// those to the employee's current team and employer).
    var withoutOrganisation: CompiledFilter {
        var copy = self
        copy.teams = nil
        copy.employers = nil
        copy.employerKinds = nil
        return copy
    }

    func matches(_ dims: Dims) -> Bool {
        if let countries, !countries.contains(dims.country) { return false }
        if let categories, !categories.contains(dims.category) { return false }
        if let channels, !channels.contains(dims.channel) { return false }
        if let employees, !employees.contains(dims.employee) { return false }
        if let teams, !teams.contains(dims.team) { return false }
        if let employers, !employers.contains(dims.employer) { return false }
        if let employerKinds, !employerKinds.contains(kind(dims.employer)) { return false }
        return true
    }

    /// Whether an employee whose current team and employer are these passes the
    /// team and employer conditions.
    func matchesOrganisation(team: UInt32, employer: UInt32) -> Bool {
        if let teams, !teams.contains(team) { return false }
        if let employers, !employers.contains(employer) { return false }
        if let employerKinds, !employerKinds.contains(kind(employer)) { return false }
        return true
    }

    private func kind(_ employer: UInt32) -> UInt8 { employer == 0 ? 0 : employer == inHouse ? 1 : 2 }
}
