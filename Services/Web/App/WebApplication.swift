import Bus
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// The HTTP application `web serve` runs; tests build the same one.
///
/// ```swift
/// let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 8080)
/// try await app.runService()
/// ```
func buildWebApplication(
    client: any RPCClient, settings: WebSettings, host: String, port: Int, services: [any Service] = [],
    logger: Logger = Logger(label: "web")
) -> some ApplicationProtocol {
    Application(
        router: makeWebRouter(client: client, settings: settings),
        server: .http1WebSocketUpgrade(webSocketRouter: makeWebSocketRouter(client: client, settings: settings)),
        configuration: .init(address: .hostname(host, port: port), serverName: "glimlach-web"), services: services,
        logger: logger)
}

/// Every route of the web front.
func makeWebRouter(client: any RPCClient, settings: WebSettings) -> Router<WebRequestContext> {
    _ = WebResources.shared  // templates and texts parse at start, not on the first page
    let router = Router(context: WebRequestContext.self)
    // A span per request, the parent of the calls it makes (exported when an OTLP endpoint is set).
    router.add(middleware: TracingMiddleware())
    // Requests by route, method and status and their durations, for `--metrics`.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ActingEmployeeMiddleware(client: client, settings: settings))
    HealthRoutes(client: client).register(on: router)
    AssetRoutes(secureCookies: settings.secureCookies).register(on: router)
    router.get("/") { _, _ in Response.redirect(to: "/dashboard") }
    SurveyRoutes(client: client, settings: settings).register(on: router)
    SignInRoutes(client: client, settings: settings).register(on: router)
    InvitationRoutes(client: client, settings: settings).register(on: router)
    OIDCRoutes(client: client, settings: settings).register(on: router)
    DashboardRoutes(client: client, settings: settings).register(on: router)
    PeopleRoutes(client: client, settings: settings).register(on: router)
    WallRoutes(client: client, settings: settings).register(on: router)
    InboxRoutes(client: client, settings: settings).register(on: router)
    TicketRoutes(client: client, settings: settings).register(on: router)
    TeamRoutes(client: client, settings: settings).register(on: router)
    ApiTokenRoutes(client: client, settings: settings).register(on: router)
    ContactRoutes(client: client, settings: settings).register(on: router)
    ChatRoutes(client: client, settings: settings).register(on: router)
    return router
}

/// The routes that upgrade to a WebSocket: the live chat's `/chat/socket`.
func makeWebSocketRouter(client: any RPCClient, settings: WebSettings) -> Router<WebRequestContext> {
    let router = Router(context: WebRequestContext.self)
    ChatRoutes(client: client, settings: settings).registerSocket(on: router)
    return router
}

/// No page may be framed, sniffed or load anything from elsewhere: styles and SVG
/// are inline; the scripts are this site's `/live.js` (the workspace's change
/// notices, over server-sent events from this site) and `/chat.js` (the live chat,
/// over a WebSocket to this site: `connect-src 'self'`).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
