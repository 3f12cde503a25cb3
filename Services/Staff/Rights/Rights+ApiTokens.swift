import Bus
import Contract

extension Rights {
    /// The rule for making, listing and revoking API tokens.
    static let apiTokenManagers = "API tokens are made, listed and revoked by the director of happy customers"
    /// The rule for AuthenticateApiToken.
    static let apiTokenChecks = "API tokens are checked by services (the gateway), never in a person's name"

    /// - Throws: PERMISSION_DENIED unless `actor` is the director of happy customers.
    static func checkManagesApiTokens(_ actor: Staff.Employee) throws {
        guard actor.role == .directorOfHappyCustomers else {
            throw denied(apiTokenManagers, "\(actor.employee_id ?? "") is not the director")
        }
    }

    /// A call naming an acting employee may not authenticate tokens.
    /// - Throws: PERMISSION_DENIED always: only calls without one reach the handler.
    static func refuseTokenCheck(actor: Staff.Employee) throws {
        throw denied(apiTokenChecks, "the call acts for \(actor.employee_id ?? "")")
    }
}
