import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService

@Suite("the offer")
struct OfferTests {
    @Test("accepting the offer in probation means leaving for good: status LEFT, and the person is never hired again")
    func acceptedOfferBlocksRehire() async throws {
        try await withStaff { staff in
            let (employee, manager) = try await employeeInProbation(staff, email: "noor@example.nl")
            let offer = try await staff.call(
                Staff.makeOffer, .init(employee_id: employee, amount: dollars(450_000), made_by_id: manager)
            ).offer!
            #expect(offer.status == .open && offer.amount == dollars(450_000))
            #expect(try await staff.call(Staff.getOffer, .init(employee_id: employee)).offer == offer)
            await expectRPCError(.alreadyExists) {
                _ = try await staff.call(Staff.makeOffer, .init(employee_id: employee, amount: dollars(500_000)))
            }
            let accepted = try await staff.call(Staff.acceptOffer, .init(offer_id: offer.offer_id))
            #expect(accepted.offer?.status == .accepted && accepted.employee?.status == .left)
            #expect(accepted.employee?.rehire_blocked == true && accepted.employee?.left_at_ms != nil)
            let types = try await staff.events().suffix(2).map(\.type)
            #expect(types == ["offer.accepted", "employee.updated"])

            // Re-hiring: a new candidate record with the same email, the old record, or an email change.
            await expectRPCError(.failedPrecondition, "took the offer") {
                _ = try await staff.call(Staff.createEmployee, .init(name: "Noor again", email: "NOOR@example.nl"))
            }
            await expectRPCError(.failedPrecondition, "final") {
                _ = try await staff.call(Staff.updateEmployee, .init(employee_id: employee, status: .active))
            }
            await expectRPCError(.failedPrecondition, "took the offer") {
                _ = try await staff.call(Staff.hireCandidate, .init(candidate_id: employee, decided_by_id: manager))
            }
            let other = try await staff.employee("Other", status: .candidate)
            await expectRPCError(.failedPrecondition, "took the offer") {
                _ = try await staff.call(
                    Staff.updateEmployee, .init(employee_id: other.employee_id, email: "noor@example.nl"))
            }
            await expectRPCError(.failedPrecondition, "already accepted") {
                _ = try await staff.call(Staff.declineOffer, .init(offer_id: offer.offer_id))
            }
        }
    }

    @Test("the offer is made only during probation")
    func onlyInProbation() async throws {
        try await withStaff { staff in
            let active = try await staff.employee("Olga", status: .active)
            await expectRPCError(.failedPrecondition, "probation") {
                _ = try await staff.call(
                    Staff.makeOffer, .init(employee_id: active.employee_id, amount: dollars(400_000)))
            }
            await expectRPCError(.invalidArgument, "amount.minor_units") {
                _ = try await staff.call(Staff.makeOffer, .init(employee_id: active.employee_id, amount: dollars(0)))
            }
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.getOffer, .init(employee_id: active.employee_id))
            }
        }
    }

    @Test("the acceptance rate counts decided offers only, within a window")
    func acceptanceRate() async throws {
        try await withStaff { staff in
            var offers: [String] = []
            for _ in 0..<4 {
                let (employee, _) = try await employeeInProbation(staff)
                offers.append(
                    try await staff.call(Staff.makeOffer, .init(employee_id: employee, amount: dollars(400_000))).offer!
                        .offer_id!)
            }
            _ = try await staff.call(Staff.acceptOffer, .init(offer_id: offers[0]))
            _ = try await staff.call(Staff.declineOffer, .init(offer_id: offers[1]))
            _ = try await staff.call(Staff.declineOffer, .init(offer_id: offers[2]))
            let rate = try await staff.call(Staff.getOfferAcceptanceRate, .init())
            #expect(rate.offers_made == 4 && rate.accepted == 1 && rate.declined == 2 && rate.still_open == 1)
            #expect(abs((rate.acceptance_rate ?? 0) - 1.0 / 3.0) < 1e-9)
            let later = try TimeWindow(
                from: StaffHarness.start.addingTimeInterval(1), to: StaffHarness.start.addingTimeInterval(86_400),
                timeZone: .gmt)
            let none = try await staff.call(Staff.getOfferAcceptanceRate, .init(window: later))
            #expect(none.offers_made == 0 && none.acceptance_rate == nil)
        }
    }

    @Test("the offer has a default and a range; beyond the range only a director decides")
    func offerPolicy() async throws {
        try await withStaff { staff in
            let policy = try await staff.call(Staff.getOfferPolicy, .init()).policy!
            #expect(policy.default_amount == dollars(450_000))
            #expect(policy.min_amount == dollars(400_000) && policy.max_amount == dollars(500_000))
            let (employee, manager) = try await employeeInProbation(staff)
            let unset = try await staff.call(Staff.makeOffer, .init(employee_id: employee, made_by_id: manager)).offer!
            #expect(unset.amount == dollars(450_000))

            let (generous, lead) = try await employeeInProbation(staff)
            await expectRPCError(.permissionDenied, "amount:", "director") {
                _ = try await staff.call(
                    Staff.makeOffer, .init(employee_id: generous, amount: dollars(600_000), made_by_id: lead))
            }
            await expectRPCError(.invalidArgument, "amount.currency") {
                _ = try await staff.call(
                    Staff.makeOffer, .init(employee_id: generous, amount: euros(450_000), made_by_id: lead))
            }
            let director = try await staff.employee("Daan", role: .directorOfHappyCustomers).employee_id!
            let approved = try await staff.call(
                Staff.makeOffer, .init(employee_id: generous, amount: dollars(600_000), made_by_id: director)
            ).offer!
            #expect(approved.amount == dollars(600_000))

            await expectRPCError(.permissionDenied, "updated_by_id") {
                _ = try await staff.call(
                    Staff.setOfferPolicy,
                    .init(
                        default_amount: dollars(300_000), min_amount: dollars(200_000), max_amount: dollars(400_000),
                        updated_by_id: lead))
            }
            await expectRPCError(.invalidArgument, "max_amount") {
                _ = try await staff.call(
                    Staff.setOfferPolicy,
                    .init(
                        default_amount: dollars(300_000), min_amount: dollars(200_000), max_amount: dollars(250_000),
                        updated_by_id: director))
            }
            let changed = try await staff.call(
                Staff.setOfferPolicy,
                .init(
                    default_amount: dollars(300_000), min_amount: dollars(200_000), max_amount: dollars(400_000),
                    updated_by_id: director)
            ).policy!
            #expect(changed.updated_by_id == director)
            #expect(try await staff.call(Staff.getOfferPolicy, .init()).policy?.default_amount == dollars(300_000))
            #expect(try await staff.events().last?.type == "offer_policy.updated")
        }
    }
}
