import Bus
import Foundation
import Wire

extension ApiScope {
    /// Methods no token may call, whatever its scopes. A token's calls act for no
    /// employee, so methods whose rights are about a person stay with people: making,
    /// listing, revoking and checking tokens (the director, the gateway itself);
    /// one-to-ones, plans, onboarding, the offer and hiring decisions (staff's private
    /// records); what is given or set in one's own name (compliments, the pulse,
    /// evaluations, approvals, passwords, accounts, invitations); and privacy requests
    /// (an operator's, docs/privacy.md).
    public static let reserved: Set<String> = [
        "staff.CreateApiToken", "staff.ListApiTokens", "staff.RevokeApiToken", "staff.AuthenticateApiToken",
        "staff.ListOneToOneNotes", "staff.AddOneToOneNote", "staff.GetPlan", "staff.UpdatePlan", "staff.AddGoal",
        "staff.UpdateGoal", "staff.AddGoalProgress", "staff.GetOnboarding", "staff.GetOffer", "staff.ListEvaluations",
        "staff.GetHireDecision", "staff.GivePeerCompliment", "staff.SubmitPulse", "staff.RecordEvaluation",
        "staff.ApproveBudgetOverrun", "staff.SetPassword", "staff.SetAccountActive", "staff.InviteEmployee",
        "tickets.ExportCustomer", "tickets.EraseCustomer", "feedback.ExportCustomer", "channels.ExportTickets",
    ]

    /// Whether `call` is one of `reserved`.
    static func isReserved(_ call: ApiCall) -> Bool { reserved.contains(call.description) }

    /// The services a scope may name, by bus name: every service of the contract
    /// but the broker's own `bus`.
    public static var services: [String] {
        ServiceSchema.all.map(\.busName).filter { $0 != "bus" }
    }

    /// `texts` as scopes, each once and sorted, after checking each against the
    /// contract: the service must exist (not `bus`), a method must be one of its
    /// rpcs and not `reserved`.
    /// - Throws: INVALID_ARGUMENT naming `scopes`: none given, more than 200, a
    ///   scope of none of the three forms, an unknown service or method.
    public static func validated(_ texts: [String]) throws(RPCError) -> [ApiScope] {
        guard !texts.isEmpty else {
            throw RPCError.invalidArgument(field: "scopes", "at least one is needed (e.g. tickets:read)")
        }
        guard texts.count <= 200 else {
            throw RPCError.invalidArgument(field: "scopes", "at most 200, got \(texts.count)")
        }
        var scopes: Set<ApiScope> = []
        for text in texts {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let scope = ApiScope(trimmed) else {
                throw RPCError.invalidArgument(
                    field: "scopes",
                    "'\(trimmed.prefix(80))' is not <service>:read, <service>:write or <service>.<Method>")
            }
            try check(scope)
            scopes.insert(scope)
        }
        return scopes.sorted()
    }

    private static func check(_ scope: ApiScope) throws(RPCError) {
        guard scope.service != "bus", let service = ServiceSchema.named(scope.service) else {
            throw RPCError.invalidArgument(
                field: "scopes",
                "'\(scope)' names no service; services: \(services.joined(separator: ", "))")
        }
        guard case .method(_, let name) = scope else { return }
        guard service.method(named: name) != nil else {
            throw RPCError.invalidArgument(field: "scopes", "'\(scope)': \(service.busName) has no method \(name)")
        }
        guard !isReserved(ApiCall(service: scope.service, method: name, idempotent: false)) else {
            throw RPCError.invalidArgument(field: "scopes", "'\(scope)' is not available to API tokens")
        }
    }
}
