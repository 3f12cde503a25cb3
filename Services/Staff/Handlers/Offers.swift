import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    // MakeOffer, GetOffer, AcceptOffer, DeclineOffer, GetOfferAcceptanceRate,
    // GetOfferPolicy, SetOfferPolicy.
    func makeOffer(_ request: Staff.MakeOfferRequest, _ context: CallContext) async throws -> Staff.MakeOfferReply {
        let clean = Staff.MakeOfferRequest(
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            amount: try request.amount.map { try Checks.positive($0, "amount") },
            made_by_id: try Fields.optionalID(request.made_by_id, "made_by_id"))
        return Staff.MakeOfferReply(offer: try await store.makeOffer(clean, key: context.idempotencyKey))
    }

    func getOffer(_ request: Staff.GetOfferRequest, _ context: CallContext) async throws -> Staff.GetOfferReply {
        Staff.GetOfferReply(
            offer: try await store.offer(ofEmployee: try Fields.id(request.employee_id, "employee_id")))
    }

    func acceptOffer(_ request: Staff.AcceptOfferRequest, _ context: CallContext) async throws
        -> Staff.AcceptOfferReply
    {
        try await store.acceptOffer(try Fields.id(request.offer_id, "offer_id"), key: context.idempotencyKey)
    }

    func declineOffer(_ request: Staff.DeclineOfferRequest, _ context: CallContext) async throws
        -> Staff.DeclineOfferReply
    {
        Staff.DeclineOfferReply(
            offer: try await store.declineOffer(
                try Fields.id(request.offer_id, "offer_id"), key: context.idempotencyKey))
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
            guard let director = try tx.employee(id: by) else { throw RPCError.notFound("updated_by", by) }
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
        try await store.offerAcceptance(
            madeFromMs: request.window?.from.unixMilliseconds, toMs: request.window?.to.unixMilliseconds)
    }
}
