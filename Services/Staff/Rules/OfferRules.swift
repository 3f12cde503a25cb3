import ServiceKit
import Contract
import Domain

/// "The offer": a company default and a range anyone may offer within; beyond it a
/// director of happy customers decides.
enum OfferRules {
    /// A new company's policy: USD 4,500 within USD 4,000..5,000.
    static let initialPolicy = Staff.OfferPolicy(
        default_amount: Money(minorUnits: 450_000, currency: .usd),
        min_amount: Money(minorUnits: 400_000, currency: .usd),
        max_amount: Money(minorUnits: 500_000, currency: .usd), updated_at_ms: 0)

    /// The amount to offer: the request's, or the policy's default.
    /// - Throws: INVALID_ARGUMENT naming "amount.currency" for a currency other than
    ///   the policy's; PERMISSION_DENIED naming "amount" when it lies outside the range
    ///   and `maker` is not a director.
    static func amount(_ requested: Money?, policy: Staff.OfferPolicy, maker: Staff.Employee?) throws -> Money {
        guard let min = policy.min_amount, let max = policy.max_amount, let fallback = policy.default_amount else {
            throw Refusal.precondition("the offer policy is incomplete; a director sets it with SetOfferPolicy")
        }
        guard let amount = requested else { return fallback }
        guard amount.currency == min.currency else {
            throw Refusal.invalid(
                field: "amount.currency", "the offer is made in \(min.currency.code), got \(amount.currency.code)")
        }
        if amount.minorUnits < min.minorUnits || amount.minorUnits > max.minorUnits,
            maker?.role != .directorOfHappyCustomers
        {
            throw Refusal.permission(
                "amount: \(amount) is outside the offer range \(min)..\(max); only a director of happy customers"
                    + " (made_by_id) can make it")
        }
        return amount
    }

    /// A checked new policy.
    /// - Throws: INVALID_ARGUMENT naming the amount that is missing, in another
    ///   currency, or out of order.
    static func policy(_ request: Staff.SetOfferPolicyRequest) throws -> Staff.OfferPolicy {
        let min = try Checks.positive(request.min_amount, "min_amount")
        let fallback = try Checks.positive(request.default_amount, "default_amount")
        let max = try Checks.positive(request.max_amount, "max_amount")
        for (field, money) in [("default_amount", fallback), ("max_amount", max)] where money.currency != min.currency {
            throw Refusal.invalid(
                field: "\(field).currency", "must be \(min.currency.code) like min_amount, got \(money.currency.code)")
        }
        guard min.minorUnits <= fallback.minorUnits else {
            throw Refusal.invalid(field: "default_amount", "must not be below min_amount (\(min))")
        }
        guard fallback.minorUnits <= max.minorUnits else {
            throw Refusal.invalid(field: "max_amount", "must not be below default_amount (\(fallback))")
        }
        return Staff.OfferPolicy(default_amount: fallback, min_amount: min, max_amount: max)
    }

    /// The offer is made once per employee, during probation.
    /// - Throws: `Refusal.exists` when `hadOffer`; `Refusal.precondition` outside probation.
    static func checkCanMake(to employee: Staff.Employee, hadOffer: Bool) throws(Refusal) {
        let id = employee.employee_id ?? ""
        if hadOffer { throw Refusal.exists("\(id) already had the offer; it is made once") }
        guard employee.status == .probation else {
            throw Refusal.precondition("the offer is made during probation; \(id) is \(employee.statusOrUnspecified)")
        }
    }

    /// - Throws: `Refusal.precondition` when `employee` is no longer in probation.
    static func checkCanTake(_ employee: Staff.Employee) throws(Refusal) {
        guard employee.status == .probation else {
            throw Refusal.precondition(
                "the offer can be taken during probation only; \(employee.employee_id ?? "") is \(employee.statusOrUnspecified)"
            )
        }
    }

    /// - Throws: `Refusal.precondition` when the offer `id` was accepted or declined.
    static func checkOpen(_ offer: Staff.Offer, id: String) throws(Refusal) {
        guard offer.status == .open else {
            throw Refusal.precondition("offer \(id) was already \(offer.status == .accepted ? "accepted" : "declined")")
        }
    }

    /// The acceptance rate of offers counted by status: accepted of those decided,
    /// none before the first decision.
    static func acceptance(_ counts: [Staff.OfferStatus: UInt32]) -> Staff.GetOfferAcceptanceRateReply {
        let accepted = counts[.accepted] ?? 0
        let declined = counts[.declined] ?? 0
        let open = counts[.open] ?? 0
        let decided = accepted + declined
        return Staff.GetOfferAcceptanceRateReply(
            offers_made: accepted + declined + open, accepted: accepted, declined: declined, still_open: open,
            acceptance_rate: decided == 0 ? nil : Double(accepted) / Double(decided))
    }
}
