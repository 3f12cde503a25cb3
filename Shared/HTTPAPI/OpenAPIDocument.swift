import Foundation
import Wire

/// The OpenAPI 3.1 document of the HTTP API, built from the same routes the gateway
/// serves: a path per route, a schema per message and enum of the contract, the
/// error body (`google.rpc.Status`) and the bearer-token security scheme. Proto
/// comments become descriptions. scripts/gen-proto writes it to docs/openapi.json
/// and the gateway serves it at `/openapi.json`.
public struct OpenAPIDocument: Sendable {
    /// Component name of the error body.
    public static let statusSchema = "google.rpc.Status"

    let catalog: APICatalog
    let comments: [String: String]

    /// - Parameters:
    ///   - catalog: the routes.
    ///   - comments: proto comments keyed as `ContractAnnotations.comments`.
    public init(catalog: APICatalog, comments: [String: String]) {
        self.catalog = catalog
        self.comments = comments
    }

    /// The document as pretty-printed JSON with sorted keys (the same bytes every run).
    public var text: String {
        let data = try! JSONSerialization.data(
            withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The document as JSON objects.
    public var json: [String: Any] {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Glimlach API",
                "version": "1",
                "description":
                    "Every public method of the Glimlach services over HTTP and JSON, derived from proto/. "
                    + "POST /v1/{service}/{Method} with the request message as JSON (proto field names); "
                    + "methods that are safe to repeat also answer GET with scalar fields in the query. "
                    + "Errors are google.rpc.Status objects. See docs/api.md.",
            ],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "The gateway's API token."]
                ],
                "schemas": schemas,
                "parameters": Self.headerParameters,
            ],
        ]
    }
}
