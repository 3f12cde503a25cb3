import Bus
import Foundation
import HTTPAPI
import Hummingbird
import Logging

/// `POST /v1/{service}/{Method}` for every route of the catalog and `GET` for those
/// marked idempotent; an unknown service or method is 404, GET on a method that is
/// not safe to repeat 405, both as `google.rpc.Status`.
struct MethodRoutes: Sendable {
    let catalog: APICatalog
    let client: any RPCClient
    let authenticator: any GatewayAuthenticator

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/:service/:method") { request, context in await handle(request, context, get: false) }
        router.get("/v1/:service/:method") { request, context in await handle(request, context, get: true) }
    }

    private func handle(_ request: Request, _ context: BasicRequestContext, get: Bool) async -> Response {
        let given = request.headers[MethodCall.requestID] ?? ""
        let requestID = given.isEmpty ? UUID().uuidString : given
        let echo: HTTPFields = [MethodCall.requestID: requestID]
        guard given.count <= 128 else {
            return ErrorReply(error: RPCError(.invalidArgument, "X-Request-Id: at most 128 characters")).response()
        }
        let service = context.parameters.get("service") ?? ""
        let method = context.parameters.get("method") ?? ""
        guard let route = catalog.route(service: service, method: method) else {
            let error = RPCError(.notFound, "no method \(service).\(method); the methods are in /openapi.json")
            return ErrorReply(error: error).response(headers: echo)
        }
        guard !get || route.idempotent else {
            let error = RPCError(.unimplemented, "\(route.path): not safe to repeat, so POST only")
            var response = ErrorReply(error: error).response(headers: echo)
            response.status = .methodNotAllowed
            response.headers[.allow] = "POST"
            return response
        }
        do {
            let caller = try await authenticator.authenticate(request, for: route)
            let response = try await MethodCall(route: route, client: client, caller: caller)
                .respond(to: request, requestID: requestID)
            context.logger.info(
                "call",
                metadata: [
                    "caller": "\(caller.name)", "method": "\(route.service).\(route.method.name)",
                    "status": "\(response.status.code)", "request_id": "\(requestID)",
                ])
            return response
        } catch {
            let status = RPCError.status(of: error) ?? RPCError(.internal, "\(error)")
            context.logger.info(
                "call refused",
                metadata: [
                    "method": "\(route.service).\(route.method.name)", "status": "\(status.code)",
                    "request_id": "\(requestID)",
                ])
            if status.code == .internal || status.code == .unknown {
                context.logger.error("\(route.service).\(route.method.name): \(status)")
            }
            return ErrorReply.response(to: error, headers: echo)
        }
    }
}
