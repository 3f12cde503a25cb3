import Bus

/// A customer's data exported or erased (GDPR) is a privacy request: carried out by
/// an operator with `glimlach customer` (docs/privacy.md), never on behalf of a
/// signed-in employee, so no page and no employee's session can reach it.
public enum PrivacyRequests {
    /// The rule, as refusals name it.
    public static let rule = "privacy requests are carried out by an operator with `glimlach customer`"

    /// - Throws: PERMISSION_DENIED naming the rule when the call acts for an employee.
    public static func checkOperator(_ context: CallContext) throws {
        if let actor = context.actor {
            throw RPCError(.permissionDenied, "\(rule), not on behalf of employee \(actor)")
        }
    }
}
