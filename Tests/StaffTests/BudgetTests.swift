import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService

@Suite("goodwill budget")
struct BudgetTests {
    /// A team with a lead and an agent with a €100 monthly budget.
    func agentWithLead(_ staff: StaffHarness) async throws -> (agent: String, lead: String) {
        let lead = try await staff.employee("Vera", role: .teamLead).employee_id!
        let team = try await staff.team("Experts", lead: lead).team_id!
        let agent = try await staff.employee("Wim", team: team, budget: 10_000).employee_id!
        return (agent, lead)
    }

    @Test("a gesture within the month's budget is granted at once, without approval")
    func spendWithinBudget() async throws {
        try await withStaff { staff in
            let (agent, _) = try await agentWithLead(staff)
            let pizza = try await staff.call(
                Staff.spendBudget,
                .init(employee_id: agent, amount: euros(2_500), ticket_id: "tkt-1", reason: "pizza for a long wait"))
            #expect(
                pizza.remaining == euros(7_500) && pizza.entry?.month == "2026-11" && pizza.entry?.approved_by_id == nil
            )
            _ = try await staff.call(
                Staff.spendBudget,
                .init(employee_id: agent, amount: euros(7_500), ticket_id: "tkt-2", reason: "hairdresser"))
            let budget = try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget!
            #expect(
                budget.spent == euros(10_000) && budget.remaining == euros(0) && budget.monthly_budget == euros(10_000))
            #expect(budget.entries.map(\.ticket_id) == ["tkt-1", "tkt-2"])
            // A new month starts with the full budget again.
            staff.clock.set(StaffHarness.start.addingTimeInterval(10 * 86_400))
            let december = try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget!
            #expect(december.month == "2026-12" && december.remaining == euros(10_000) && december.entries.isEmpty)
            #expect(
                try await staff.call(Staff.getBudget, .init(employee_id: agent, month: "2026-11")).budget?.spent
                    == euros(10_000))
        }
    }

    @Test("over budget is refused with FAILED_PRECONDITION naming the remaining amount, and nothing is recorded")
    func overBudgetRefused() async throws {
        try await withStaff { staff in
            let (agent, _) = try await agentWithLead(staff)
            _ = try await staff.call(
                Staff.spendBudget, .init(employee_id: agent, amount: euros(8_750), ticket_id: "tkt-1", reason: "refund")
            )
            let before = try await staff.events().count
            await expectRPCError(.failedPrecondition, "EUR 12.50", "remaining") {
                _ = try await staff.call(
                    Staff.spendBudget,
                    .init(employee_id: agent, amount: euros(2_000), ticket_id: "tkt-2", reason: "flowers"))
            }
            #expect(try await staff.events().count == before)
            #expect(try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget?.remaining == euros(1_250))
            await expectRPCError(.invalidArgument, "amount.currency") {
                _ = try await staff.call(
                    Staff.spendBudget,
                    .init(
                        employee_id: agent, amount: Money(minorUnits: 100, currency: .usd), ticket_id: "t", reason: "r")
                )
            }
            await expectRPCError(.invalidArgument, "amount.minor_units") {
                _ = try await staff.call(
                    Staff.spendBudget, .init(employee_id: agent, amount: euros(-5), ticket_id: "t", reason: "r"))
            }
            await expectRPCError(.invalidArgument, "ticket_id") {
                _ = try await staff.call(Staff.spendBudget, .init(employee_id: agent, amount: euros(5), reason: "r"))
            }
            await expectRPCError(.invalidArgument, "reason") {
                _ = try await staff.call(Staff.spendBudget, .init(employee_id: agent, amount: euros(5), ticket_id: "t"))
            }
            await expectRPCError(.notFound) {
                _ = try await staff.call(
                    Staff.spendBudget, .init(employee_id: "emp-x", amount: euros(5), ticket_id: "t", reason: "r"))
            }
        }
    }

    @Test("the team lead approves an overrun explicitly; others are refused with PERMISSION_DENIED")
    func approvedOverrun() async throws {
        try await withStaff { staff in
            let (agent, lead) = try await agentWithLead(staff)
            let stranger = try await staff.employee("Xander", role: .teamLead).employee_id!
            let request = Staff.ApproveBudgetOverrunRequest(
                team_lead_id: lead, employee_id: agent, amount: euros(15_000), ticket_id: "tkt-9",
                reason: "new laptop after our mistake", gesture_id: "gst-9")
            await expectRPCError(.permissionDenied, "does not lead") {
                var other = request
                other.team_lead_id = stranger
                _ = try await staff.call(Staff.approveBudgetOverrun, other)
            }
            await expectRPCError(.permissionDenied) {
                var own = request
                own.team_lead_id = agent
                _ = try await staff.call(Staff.approveBudgetOverrun, own)
            }
            let approved = try await staff.call(Staff.approveBudgetOverrun, request)
            #expect(approved.entry?.approved_by_id == lead && approved.remaining == euros(-5_000))
            // The same gesture again is paid once.
            let again = try await staff.call(Staff.approveBudgetOverrun, request)
            #expect(again.entry == approved.entry)
            let director = try await staff.employee("Yara", role: .directorOfHappyCustomers).employee_id!
            var byDirector = request
            byDirector.team_lead_id = director
            byDirector.gesture_id = "gst-10"
            byDirector.amount = euros(100)
            #expect(try await staff.call(Staff.approveBudgetOverrun, byDirector).remaining == euros(-5_100))
            let budget = try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget!
            #expect(budget.entries.count == 2 && budget.spent == euros(15_100))
            #expect(try await staff.events().filter { $0.type == "budget.overrun_approved" }.count == 2)
        }
    }

    @Test("a gesture id is paid at most once, and a retried SpendBudget with its key never spends twice")
    func neverTwice() async throws {
        try await withStaff { staff in
            let (agent, _) = try await agentWithLead(staff)
            let spend = Staff.SpendBudgetRequest(
                employee_id: agent, amount: euros(3_000), ticket_id: "tkt-1", reason: "replacement book",
                gesture_id: "gst-1")
            let first = try await staff.call(Staff.spendBudget, spend)
            let second = try await staff.call(Staff.spendBudget, spend)
            #expect(second.entry == first.entry)
            let keyed = Staff.SpendBudgetRequest(
                employee_id: agent, amount: euros(1_000), ticket_id: "tkt-2", reason: "cake")
            let a = try await staff.call(Staff.spendBudget, keyed, key: "spend-42")
            let b = try await staff.call(Staff.spendBudget, keyed, key: "spend-42")
            #expect(a == b)
            let budget = try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget!
            #expect(budget.entries.count == 2 && budget.remaining == euros(6_000))
            #expect(try await staff.events().filter { $0.type == "budget.spent" }.count == 2)
        }
    }

    @Test("concurrent gestures never overspend: of ten €20 gestures against €100, exactly five are granted")
    func concurrentSpends() async throws {
        try await withStaff { staff in
            let (agent, _) = try await agentWithLead(staff)
            let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await staff.call(
                                Staff.spendBudget,
                                .init(
                                    employee_id: agent, amount: euros(2_000), ticket_id: "tkt-\(index)", reason: "gift")
                            )
                            return true
                        } catch let error as RPCError where error.code == .failedPrecondition {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(granted == 5)
            #expect(try await staff.call(Staff.getBudget, .init(employee_id: agent)).budget?.remaining == euros(0))
        }
    }
}
