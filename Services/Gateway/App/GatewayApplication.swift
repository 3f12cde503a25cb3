import Bus
import Contract
import HTTPAPI
import Hummingbird
import Logging
import ServiceLifecycle

/// The contract's routes and the OpenAPI document as the program carries them
/// (`ContractAnnotations`, generated from proto/ with the C code).
let contractCatalog = APICatalog(idempotent: ContractAnnotations.idempotent)

/// The HTTP application `gateway serve` runs; tests build the same one.
///
/// ```swift
/// let app = buildGatewayApplication(
///     client: client, authenticator: StaticTokenAuthenticator(token: token), host: "127.0.0.1", port: 8070)
/// try await app.runService()
/// ```
func buildGatewayApplication(
    client: any RPCClient, authenticator: any GatewayAuthenticator, host: String, port: Int,
    services: [any Service] = [], logger: Logger = Logger(label: "gateway")
) -> some ApplicationProtocol {
    Application(
        router: makeGatewayRouter(client: client, authenticator: authenticator),
        configuration: .init(address: .hostname(host, port: port), serverName: "glimlach-gateway"), services: services,
        logger: logger)
}

/// Every route of the gateway.
func makeGatewayRouter(client: any RPCClient, authenticator: any GatewayAuthenticator) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: TracingMiddleware())
    router.add(middleware: MetricsMiddleware())
    let document = OpenAPIDocument(catalog: contractCatalog, comments: ContractAnnotations.comments).text
    GatewayHealthRoutes(client: client, document: document).register(on: router)
    MethodRoutes(catalog: contractCatalog, client: client, authenticator: authenticator).register(on: router)
    ExportRoutes(catalog: contractCatalog, client: client, authenticator: authenticator).register(on: router)
    return router
}
