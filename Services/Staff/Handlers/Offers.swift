import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    /// MakeOffer, GetOffer, AcceptOffer, DeclineOffer, GetOfferAcceptanceRate,
    /// GetOfferPolicy, SetOfferPolicy.
    static func registerOffers(on router: inout ServiceRouter, store: any StaffStore) {
        router.register(Staff.makeOffer) { request, context in
            let clean = Staff.MakeOfferRequest(
                employee_id: try Fields.id(request.employee_id, "employee_id"),
                amount: try request.amount.map { try Checks.positive($0, "amount") },
                made_by_id: try Fields.optionalID(request.made_by_id, "made_by_id"))
            return Staff.MakeOfferReply(offer: try await store.makeOffer(clean, key: context.idempotencyKey))
        }
        router.register(Staff.getOffer) { request, _ in
            Staff.GetOfferReply(
                offer: try await store.offer(ofEmployee: try Fields.id(request.employee_id, "employee_id")))
        }
        router.register(Staff.acceptOffer) { request, context in
            try await store.acceptOffer(try Fields.id(request.offer_id, "offer_id"), key: context.idempotencyKey)
        }
        router.register(Staff.declineOffer) { request, context in
            Staff.DeclineOfferReply(
                offer: try await store.declineOffer(
                    try Fields.id(request.offer_id, "offer_id"), key: context.idempotencyKey))
        }
        router.register(Staff.getOfferPolicy) { _, _ in
            Staff.GetOfferPolicyReply(policy: try await store.offerPolicy())
        }
        router.register(Staff.setOfferPolicy) { request, context in
            let policy = try OfferRules.policy(request)
            let by = try Fields.id(request.updated_by_id, "updated_by_id")
            return Staff.SetOfferPolicyReply(
                policy: try await store.setOfferPolicy(policy, by: by, key: context.idempotencyKey))
        }
        router.register(Staff.getOfferAcceptanceRate) { request, _ in
            try await store.offerAcceptance(
                madeFromMs: request.window?.from.unixMilliseconds, toMs: request.window?.to.unixMilliseconds)
        }
    }
}
