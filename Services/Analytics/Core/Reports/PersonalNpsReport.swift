import Contract

extension ReadModelState {
    /// Personal NPS per credited employee (the ticket's owner at resolution), ranked
    /// by the lower bound of the 95% interval, never by the raw score. Employees with
    /// fewer than `min_responses` answers are listed apart as not yet rankable.
    /// Call length and handle time play no part. Compliments received count under
    /// the same filter as the answers (a product-category filter leaves none: a
    /// compliment names no category).
    package func personalNpsRanking(_ request: Analytics.GetPersonalNpsRankingRequest) throws
        -> Analytics.GetPersonalNpsRankingReply
    {
        let window = try ReportSupport.window(request.window)
        let minimum = max(1, request.min_responses ?? 5)
        let filter = CompiledFilter(request.filter, self)
        let factFilter = filter.withoutOrganisation
        let (from, to) = (window.from.unixMs, window.to.unixMs)
        // Dense by employee id: one array slot per interned string, no hashing per answer.
        var counts = [NpsCounts](repeating: NpsCounts(), count: strings.names.count)
        responses.forEach(from: from, to: to) { fact in
            guard fact.dims.employee != 0, factFilter.matches(fact.dims) else { return }
            counts[Int(fact.dims.employee)].add(score: fact.score)
        }
        var received = [UInt64](repeating: 0, count: strings.names.count)
        compliments.forEach(from: from, to: to) { fact in
            guard !fact.fromPeer, fact.dims.employee != 0, factFilter.matches(fact.dims) else { return }
            received[Int(fact.dims.employee)] += 1
        }
        var ranked: [Analytics.PersonalNpsEntry] = []
        var waiting: [Analytics.PersonalNpsEntry] = []
        for employee in counts.indices where counts[employee].n > 0 || received[employee] > 0 {
            let employee = UInt32(employee)
            let info = employees[employee] ?? EmployeeInfo()
            guard filter.matchesOrganisation(team: info.team, employer: info.employer) else { continue }
            if filter.employees != nil, !filter.employees!.contains(employee) { continue }
            let entry = personalEntry(
                employee, info, counts[Int(employee)], received[Int(employee)], minimum)
            if entry.responses_needed == 0 { ranked.append(entry) } else { waiting.append(entry) }
        }
        return Analytics.GetPersonalNpsRankingReply(
            min_responses: minimum, ranked: Self.rank(ranked),
            not_yet_rankable: waiting.sorted { ($0.n!, $1.employee_id!) > ($1.n!, $0.employee_id!) },
            as_of: position)
    }

    private func personalEntry(
        _ employee: UInt32, _ info: EmployeeInfo, _ counts: NpsCounts, _ compliments: UInt64, _ minimum: UInt32
    ) -> Analytics.PersonalNpsEntry {
        let figures = NpsFigures(counts)
        return Analytics.PersonalNpsEntry(
            employee_id: strings.name(employee), employee_name: info.name, team_id: strings.name(info.team),
            team_name: teamNames[info.team] ?? "", employer_id: strings.name(info.employer),
            employer_kind: Staff.EmployerKind(rawValue: Int32(employerKind(info.employer))),
            promoters: counts.promoters, passives: counts.passives, detractors: counts.detractors, n: counts.n,
            nps: figures?.nps, margin_of_error: figures?.margin, lower: figures?.lower, upper: figures?.upper,
            compliments_received: compliments,
            responses_needed: counts.n >= UInt64(minimum) ? 0 : UInt32(UInt64(minimum) - counts.n))
    }

    /// Lower bound descending, then n descending, then employee id; competition
    /// ranks (1, 2, 2, 4) where lower bounds are equal.
    static func rank(_ entries: [Analytics.PersonalNpsEntry]) -> [Analytics.PersonalNpsEntry] {
        var sorted = entries.sorted { a, b in
            if a.lower! != b.lower! { return a.lower! > b.lower! }
            if a.n! != b.n! { return a.n! > b.n! }
            return a.employee_id! < b.employee_id!
        }
        for index in sorted.indices {
            let tied = index > 0 && sorted[index - 1].lower! == sorted[index].lower!
            sorted[index].rank = tied ? sorted[index - 1].rank : UInt32(index + 1)
        }
        return sorted
    }
}
