import Contract
import Foundation

/// The values of one person's page (`person.mustache`): who they are, their
/// onboarding checklist, the offer, their plan's ambition and goals, or why not.
struct PersonPage {
    let context: PageContext
    let timeZone: TimeZone
    var employee: Staff.Employee?
    var plan: Staff.Plan?
    var onboarding: Staff.Onboarding?
    var offer: Staff.Offer?
    /// The company's offer, for someone on probation who has not had one yet.
    var policy: Staff.OfferPolicy?
    /// Staff's refusal, shown instead of the person.
    var refusal: String?

    init(context: PageContext, timeZone: TimeZone) {
        self.context = context
        self.timeZone = timeZone
    }

    var heading: String { employee?.name ?? context.t["people_person"] }

    var values: [String: Any] {
        let t = context.t
        var values: [String: Any] = ["heading": heading]
        if let refusal {
            values["refusal"] = refusal
            return values
        }
        values["shown"] = true
        if let employee {
            values["about"] = [t.role(employee.role), t.employeeStatus(employee.status)].joined(separator: " · ")
            if let start = employee.start_date { values["start"] = t.format("people_started", ["date": start]) }
        }
        let steps = onboarding?.steps ?? []
        values["steps"] = steps.map(step)
        values["has_steps"] = !steps.isEmpty
        if onboarding?.complete == true { values["onboarded"] = true }
        if let offer { values["offer"] = offerText(offer) }
        if offer == nil, let amount = policy?.default_amount {
            values["offer"] = t.format("people_offer_not_made", ["amount": context.language.money(amount)])
        }
        if let ambition = plan?.ambition, !ambition.isEmpty { values["ambition"] = ambition }
        let goals = plan?.goals ?? []
        values["goals"] = goals.map(goal)
        values["has_goals"] = !goals.isEmpty
        return values
    }

    private func step(_ step: Staff.OnboardingStep) -> [String: Any] {
        let t = context.t
        // The standard steps by their name in the page's language; others by staff's title.
        var title =
            step.kind == .other || step.kind == nil ? step.title ?? t.stepKind(step.kind) : t.stepKind(step.kind)
        if let weeks = step.weeks, step.kind == .training {
            title += " · " + t.format("people_weeks", ["n": "\(weeks)"])
        }
        var row: [String: Any] = ["title": title, "done": step.completed_at_ms != nil]
        if let done = step.completed_at_ms {
            row["when"] = t.format("people_step_done", ["date": date(done)])
        } else if let due = step.due_date {
            row["when"] = t.format("people_step_due", ["date": due])
        }
        return row
    }

    private func goal(_ goal: Staff.Goal) -> [String: Any] {
        let t = context.t
        var row: [String: Any] = ["title": goal.title ?? "", "status": t.goalStatus(goal.status)]
        if let why = goal.why { row["why"] = why }
        if let measure = goal.measure { row["measure"] = measure }
        if let due = goal.due_date { row["due"] = t.format("people_goal_due", ["date": due]) }
        if let last = goal.progress.last {
            var progress = t.format("people_goal_progress", ["percent": "\(last.percent_complete ?? 0)"])
            if let note = last.note { progress += " · " + note }
            row["progress"] = progress
        }
        return row
    }

    private func offerText(_ offer: Staff.Offer) -> String {
        let amount = offer.amount.map(context.language.money) ?? ""
        return context.t.format(
            "people_offer_made",
            [
                "amount": amount, "status": context.t.offerStatus(offer.status),
                "date": offer.made_at_ms.map(date) ?? "",
            ])
    }

    private func date(_ ms: Int64) -> String {
        context.language.date(Date(timeIntervalSince1970: Double(ms) / 1000), in: timeZone)
    }
}
