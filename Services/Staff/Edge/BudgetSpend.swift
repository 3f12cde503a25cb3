import Domain

/// A checked SpendBudget or ApproveBudgetOverrun: what a gesture costs and why.
struct BudgetSpend: Sendable {
    var amount: Money
    var ticketID: String
    var reason: String?
    /// The gesture paid for; a gesture is paid at most once.
    var gestureID: String?
}
