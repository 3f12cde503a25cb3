import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    // MakeOffer, GetOffer, AcceptOffer, DeclineOffer, GetOfferAcceptanceRate,
    // GetOfferPolicy, SetOfferPolicy.
    func makeOffer(_ request: Staff.MakeOfferRequest, _ context: CallContext) async throws -> Staff.MakeOfferReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let requested = try request.amount.map { try Checks.positive($0, "amount") }
        let makerID = try Fields.optionalID(request.made_by_id, "made_by_id")
        let offer = try await store.write(method: "MakeOffer", idempotencyKey: context.idempotencyKey) { tx in
            let employee = try tx.existingEmployee(employeeID)
            let maker = try makerID.map { try tx.existingEmployee($0, as: "made_by") }
            try OfferRules.checkCanMake(to: employee, hadOffer: try tx.offer(employeeID: employeeID) != nil)
            let amount = try OfferRules.amount(
                requested, policy: try tx.storedOfferPolicy() ?? OfferRules.initialPolicy, maker: maker)
            let offer = Staff.Offer(
                offer_id: NewID.make("offer"), employee_id: employeeID, amount: amount, status: .open,
                made_by_id: makerID, made_at_ms: tx.nowMs)
            try tx.save(offer)
            try tx.record("offer.made", subject: try offer.offer_id.stored("offer_id"), Staff.OfferMade(offer: offer))
            return offer
        }
        return Staff.MakeOfferReply(offer: offer)
    }

    func getOffer(_ request: Staff.GetOfferRequest, _ context: CallContext) async throws -> Staff.GetOfferReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        return Staff.GetOfferReply(
            offer: try await store.read { tx in
                _ = try tx.existingEmployee(employeeID)
                guard let offer = try tx.offer(employeeID: employeeID) else {
                    throw StoreError.absent("\(employeeID) has had no offer")
                }
                return offer
            })
    }

    func acceptOffer(_ request: Staff.AcceptOfferRequest, _ context: CallContext) async throws
        -> Staff.AcceptOfferReply
    {
        let offerID = try Fields.id(request.offer_id, "offer_id")
        return try await store.write(method: "AcceptOffer", idempotencyKey: context.idempotencyKey) { tx in
            var offer = try tx.openOffer(offerID)
            var employee = try tx.existingEmployee(try offer.employee_id.stored("employee_id"))
            try OfferRules.checkCanTake(employee)
            offer.status = .accepted
            offer.decided_at_ms = tx.nowMs
            try tx.save(offer)
            try tx.record("offer.accepted", subject: offerID, Staff.OfferAccepted(offer: offer))
            let previousTeam = employee.team_id
            employee.status = .left
            employee.rehire_blocked = true
            employee.left_at_ms = tx.nowMs
            employee.team_id = nil
            employee.updated_at_ms = tx.nowMs
            try tx.save(employee)
            try tx.record(
                "employee.updated", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeUpdated(employee: employee, previous_status: .probation))
            if let team = previousTeam {
                try tx.record(
                    "team.member_removed", subject: team,
                    Staff.TeamMemberRemoved(team_id: team, employee_id: employee.employee_id))
            }
            return Staff.AcceptOfferReply(offer: offer, employee: employee)
        }
    }

    func declineOffer(_ request: Staff.DeclineOfferRequest, _ context: CallContext) async throws
        -> Staff.DeclineOfferReply
    {
        let offerID = try Fields.id(request.offer_id, "offer_id")
        let offer = try await store.write(method: "DeclineOffer", idempotencyKey: context.idempotencyKey) { tx in
            var offer = try tx.openOffer(offerID)
            offer.status = .declined
            offer.decided_at_ms = tx.nowMs
            try tx.save(offer)
            try tx.record("offer.declined", subject: offerID, Staff.OfferDeclined(offer: offer))
            return offer
        }
        return Staff.DeclineOfferReply(offer: offer)
    }

    func getOfferPolicy(_ request: Staff.GetOfferPolicyRequest, _ context: CallContext) async throws
        -> Staff.GetOfferPolicyReply
    {
        Staff.GetOfferPolicyReply(
            policy: try await store.read { try $0.storedOfferPolicy() } ?? OfferRules.initialPolicy)
    }

    func setOfferPolicy(_ request: Staff.SetOfferPolicyRequest, _ context: CallContext) async throws
        -> Staff.SetOfferPolicyReply
    {
        let policy = try OfferRules.policy(request)
        let by = try Fields.id(request.updated_by_id, "updated_by_id")
        let saved = try await store.write(method: "SetOfferPolicy", idempotencyKey: context.idempotencyKey) { tx in
            let director = try tx.existingEmployee(by, as: "updated_by")
            guard director.role == .directorOfHappyCustomers else {
                throw Refusal.permission("updated_by_id: only a director of happy customers sets the offer policy")
            }
            var policy = policy
            policy.updated_by_id = by
            policy.updated_at_ms = tx.nowMs
            try tx.save(policy)
            try tx.record("offer_policy.updated", subject: "offer_policy", Staff.OfferPolicyUpdated(policy: policy))
            return policy
        }
        return Staff.SetOfferPolicyReply(policy: saved)
    }

    func getOfferAcceptanceRate(_ request: Staff.GetOfferAcceptanceRateRequest, _ context: CallContext) async throws
        -> Staff.GetOfferAcceptanceRateReply
    {
        let from = request.window?.from.unixMilliseconds ?? Int64.min
        let to = request.window?.to.unixMilliseconds ?? Int64.max
        return OfferRules.acceptance(try await store.read { try $0.offerCounts(madeFromMs: from, toMs: to) })
    }
}
