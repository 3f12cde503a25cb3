import Bus
import Contract
import Foundation
import Hummingbird

/// Makes the signed-in employee the acting employee of every bus call a request
/// makes (`CallContext.actor`, sent as `RequestHeader.acting_employee_id`), so the
/// services apply that person's rights to every page without each route passing it.
///
/// First it asks staff whether the account may still be used (`GetAccount`, as the
/// employee): when staff says no (deactivated, gone, unknown) the session is revoked
/// and the request goes on signed out. When staff cannot answer, the request goes
/// on, and the pages that need staff say so.
struct ActingEmployeeMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let client: any RPCClient
    let settings: WebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let session = settings.sessions.session(request), let employee = session.employeeID else {
            return try await next(request, context)
        }
        var context = context
        switch await account(of: employee) {
        case .refused:
            settings.revokedSessions.revoke(session)
            return try await next(request, context)
        case .active(let account): context.account = account
        case .unknown: break
        }
        let id = "web-" + UUID().uuidString.prefix(8).lowercased()
        let acting = CallContext(deadline: nil, requestID: id, traceID: id, actor: employee)
        return try await CallContext.$current.withValue(acting) { [context] in try await next(request, context) }
    }

    private enum AccountCheck {
        case active(Staff.Account)
        /// Staff says the account may not be used.
        case refused
        /// Staff did not answer.
        case unknown
    }

    private func account(of employee: String) async -> AccountCheck {
        do {
            let account = try await client.call(
                Staff.getAccount, .init(employee_id: employee),
                options: CallOptions(timeout: settings.callTimeout, actor: employee)
            ).account
            guard let account, account.active == true else { return .refused }
            return .active(account)
        } catch let error as RPCError {
            return [.notFound, .permissionDenied, .unauthenticated].contains(error.code) ? .refused : .unknown
        } catch {
            return .unknown
        }
    }
}
