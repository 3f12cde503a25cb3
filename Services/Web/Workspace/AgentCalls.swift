import Bus
import Foundation
import Hummingbird

/// Bus calls for the signed-in employee: each carries them as the acting employee,
/// so the services apply their rights.
struct AgentCalls: Sendable {
    let client: any RPCClient
    let timeout: Duration
    /// The signed-in employee's id.
    let agent: String

    /// Calls `method` as the agent; `key` makes a repeated form post do nothing twice.
    /// `budget` shortens the call's deadline for what a page can show without.
    func call<Request, Reply>(
        _ method: Method<Request, Reply>, _ request: Request, key: String? = nil, budget: Duration? = nil
    ) async throws -> Reply {
        try await client.call(
            method, request,
            options: CallOptions(timeout: budget.map { min($0, timeout) } ?? timeout, idempotencyKey: key, actor: agent)
        )
    }
}

/// Why a workspace page answers without its content: no session (to the sign-in
/// form) or a session that is no employee's (an operator of the users file).
struct NotAnAgent: Error {
    let response: Response
}

extension WebSettings {
    /// The bus calls of the employee signed in on `request`.
    /// - Throws: `NotAnAgent` with the sign-in redirect, or a 403 page for operators.
    func agentCalls(_ request: Request, client: any RPCClient) throws(NotAnAgent) -> AgentCalls {
        guard let session = sessions.session(request) else {
            throw NotAnAgent(response: .signIn(returningTo: request))
        }
        guard let agent = session.employeeID else {
            let context = PageContext(request)
            throw NotAnAgent(
                response: HTML.message(
                    title: context.t["workspace_employees_only_title"],
                    paragraphs: [context.t["workspace_employees_only"]],
                    context: context, status: .forbidden))
        }
        return AgentCalls(client: client, timeout: callTimeout, agent: agent)
    }
}
