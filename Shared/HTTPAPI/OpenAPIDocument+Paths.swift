extension OpenAPIDocument {
    /// A path per route: POST always, GET too for a method marked `// @idempotent`.
    var paths: [String: Any] {
        var paths: [String: Any] = [:]
        for route in catalog.routes {
            var item: [String: Any] = ["post": post(route)]
            if route.idempotent { item["get"] = get(route) }
            paths[route.path] = item
        }
        if let export = catalog.route(service: "analytics", method: "ExportReport") {
            for (format, type) in [("csv", "text/csv"), ("ndjson", "application/x-ndjson")] {
                paths["/v1/exports/report.\(format)"] = ["post": stream(export, format: format, type: type)]
            }
        }
        return paths
    }

    /// A whole report streamed (`POST /v1/exports/report.csv` and `.ndjson`).
    private func stream(_ route: APIRoute, format: String, type: String) -> [String: Any] {
        [
            "operationId": "exports_report_\(format)",
            "tags": ["exports"],
            "summary": "A whole analytics report as \(format == "csv" ? "CSV" : "newline-delimited JSON"), streamed",
            "description": """
            The gateway asks analytics.ExportReport page by page (page_size rows each, default 1000) and \
            writes each page as it comes: CSV with the header once, or one JSON object per row keyed by the \
            header's columns. Authorized as analytics.ExportReport (analytics:read). An error after the first \
            page ends the stream without its final chunk.
            """,
            "parameters": [["$ref": "#/components/parameters/RequestId"]],
            "requestBody": [
                "required": true,
                "content": ["application/json": ["schema": reference(route.method.request.fullName)]],
            ],
            "responses": [
                "200": [
                    "description": "The report, streamed.",
                    "content": [type: ["schema": ["type": "string"]]],
                ],
                "default": [
                    "description": "An error (google.rpc.Status); the HTTP status follows the gRPC code.",
                    "content": ["application/json": ["schema": reference(Self.statusSchema)]],
                ],
            ],
        ]
    }

    private func post(_ route: APIRoute) -> [String: Any] {
        var operation = common(route, id: "\(route.service)_\(route.method.name)")
        operation["requestBody"] = [
            "required": false,
            "description": "The request message; an empty body is the empty message.",
            "content": ["application/json": ["schema": reference(route.method.request.fullName)]],
        ]
        return operation
    }

    private func get(_ route: APIRoute) -> [String: Any] {
        var operation = common(route, id: "\(route.service)_\(route.method.name)_get")
        var parameters = operation["parameters"] as! [[String: Any]]
        for field in route.queryFields {
            var parameter: [String: Any] = ["name": field.name, "in": "query", "schema": schema(of: field)]
            if field.isRepeated {
                parameter["style"] = "form"
                parameter["explode"] = true
            }
            if let note = comments["\(route.method.request.fullName).\(field.name)"] { parameter["description"] = note }
            parameters.append(parameter)
        }
        operation["parameters"] = parameters
        return operation
    }

    /// Tags, descriptions, header parameters and responses of either verb.
    private func common(_ route: APIRoute, id: String) -> [String: Any] {
        var headers: [String] = ["RequestId", "Deadline"]
        if !route.idempotent { headers.append("IdempotencyKey") }
        if route.pages { headers.append("PageToken") }
        var replyHeaders: [String: Any] = ["X-Request-Id": ["schema": ["type": "string"]]]
        if route.pages {
            replyHeaders["Next-Page-Token"] = [
                "description": "The reply's next_page_token, when there is a next page.", "schema": ["type": "string"],
            ]
        }
        let marked = route.idempotent ? " Safe to repeat (`@idempotent`): also served on GET." : ""
        return [
            "operationId": id,
            "tags": [route.service],
            "summary": "\(route.service).\(route.method.name)",
            "description": (comments[route.key] ?? route.method.name) + marked,
            "parameters": headers.map { ["$ref": "#/components/parameters/\($0)"] },
            "responses": [
                "200": [
                    "description": "The reply message.",
                    "headers": replyHeaders,
                    "content": ["application/json": ["schema": reference(route.method.reply.fullName)]],
                ],
                "default": [
                    "description": "An error (google.rpc.Status); the HTTP status follows the gRPC code.",
                    "content": ["application/json": ["schema": reference(Self.statusSchema)]],
                ],
            ],
        ]
    }

    private func reference(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// The request headers the gateway reads.
    static var headerParameters: [String: Any] {
        [
            "RequestId": [
                "name": "X-Request-Id", "in": "header", "required": false,
                "schema": ["type": "string", "maxLength": 128],
                "description": "Echoed on the reply; one is made up when absent.",
            ],
            "Deadline": [
                "name": "X-Deadline-Ms", "in": "header", "required": false,
                "schema": ["type": "integer", "minimum": 1, "maximum": 60000],
                "description": "How long the call may take, in milliseconds (default 10000); past it the reply is 504.",
            ],
            "IdempotencyKey": [
                "name": "Idempotency-Key", "in": "header", "required": false,
                "schema": ["type": "string", "maxLength": 128],
                "description": "A retried request with the same key returns the first result and makes nothing twice.",
            ],
            "PageToken": [
                "name": "Page-Token", "in": "header", "required": false, "schema": ["type": "string"],
                "description": "The page to fetch, when the request's page_token is not set.",
            ],
        ]
    }
}
