import Contract
import ServiceKit
import Testing

@testable import StaffService

/// The staff rules on their own, without a store: each refusal a caller can meet,
/// with the status it answers.
@Suite("Staff rules")
struct StaffRulesTests {
    func employee(_ status: Staff.EmployeeStatus, team: String? = "team-care") -> Staff.Employee {
        Staff.Employee(employee_id: "emp-1", team_id: team, status: status)
    }

    @Test("someone who left joins no team; only a member leaves a team")
    func teams() throws {
        #expect(throws: Refusal.precondition("emp-1 has left and cannot join a team")) {
            try TeamRules.checkCanJoin(employee(.left))
        }
        try TeamRules.checkCanJoin(employee(.active))
        #expect(throws: Refusal.precondition("emp-1 is not a member of team team-shop")) {
            try TeamRules.checkMember(employee(.active), of: "team-shop")
        }
        try TeamRules.checkMember(employee(.active), of: "team-care")
    }

    @Test("the pulse is for staff in a team, counted for that team")
    func pulse() throws {
        #expect(try PulseRules.team(of: employee(.active)) == "team-care")
        #expect(throws: Refusal.precondition("emp-1 is in no team; the pulse is counted per team")) {
            _ = try PulseRules.team(of: employee(.active, team: nil))
        }
        #expect(throws: Refusal.self) { _ = try PulseRules.team(of: employee(.candidate)) }
        #expect(throws: Refusal.self) { _ = try PulseRules.team(of: employee(.left)) }
    }

    @Test("the offer is made once, during probation, and decided once")
    func offers() throws {
        try OfferRules.checkCanMake(to: employee(.probation), hadOffer: false)
        #expect(throws: Refusal.exists("emp-1 already had the offer; it is made once")) {
            try OfferRules.checkCanMake(to: employee(.probation), hadOffer: true)
        }
        #expect(throws: Refusal.self) { try OfferRules.checkCanMake(to: employee(.active), hadOffer: false) }
        #expect(throws: Refusal.self) { try OfferRules.checkCanTake(employee(.active)) }
        try OfferRules.checkCanTake(employee(.probation))
        #expect(throws: Refusal.precondition("offer offer-1 was already accepted")) {
            try OfferRules.checkOpen(Staff.Offer(offer_id: "offer-1", status: .accepted), id: "offer-1")
        }
        try OfferRules.checkOpen(Staff.Offer(offer_id: "offer-1", status: .open), id: "offer-1")
    }

    @Test("an e-mail of someone who took the offer is never hired or taken again")
    func rehire() throws {
        try EmployeeRules.checkHire(email: "sam@example.com", blocked: false)
        #expect(throws: Refusal.self) { try EmployeeRules.checkHire(email: "sam@example.com", blocked: true) }
        #expect(throws: Refusal.precondition("sam@example.com belongs to someone who took the offer and left")) {
            try EmployeeRules.checkNewEmail("sam@example.com", blocked: true)
        }
    }

    @Test("only candidates are evaluated and hired; nobody who took the offer, nobody with a doubt")
    func hiring() throws {
        let clear = Staff.HireDecision(verdict: .clear)
        try HireRules.checkEvaluable(employee(.candidate))
        #expect(throws: Refusal.precondition("emp-1 is not a candidate")) {
            try HireRules.checkEvaluable(employee(.active))
        }
        try HireRules.checkHirable(employee(.candidate), emailBlocked: false, decision: clear)
        #expect(
            throws: Refusal.precondition("emp-1 took the offer and left; someone who took it is never hired again")
        ) { try HireRules.checkHirable(employee(.candidate), emailBlocked: true, decision: clear) }
        #expect(throws: Refusal.self) {
            try HireRules.checkHirable(employee(.probation), emailBlocked: false, decision: clear)
        }
        #expect(throws: Refusal.self) {
            try HireRules.checkHirable(
                employee(.candidate), emailBlocked: false, decision: Staff.HireDecision(verdict: .blocked))
        }
    }

    @Test("someone who left spends no budget and gets no onboarding steps")
    func leavers() throws {
        #expect(throws: Refusal.precondition("emp-1 has left and has no budget")) {
            try BudgetRules.checkCanSpend(employee(.left))
        }
        try BudgetRules.checkCanSpend(employee(.active))
        #expect(throws: Refusal.precondition("emp-1 has left")) {
            try OnboardingRules.checkCanAddStep(for: employee(.left))
        }
        try OnboardingRules.checkCanAddStep(for: employee(.onboarding))
    }
}
