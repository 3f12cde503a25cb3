import Bus
import Contract
import HTTPAPI
import Hummingbird
import Logging
import Wire

/// `POST /v1/exports/report.csv` and `POST /v1/exports/report.ndjson`: a whole
/// analytics report for BI, however long its window, streamed. The body is an
/// `ExportReportRequest` as JSON (one report set; `page_size` sets the pages the
/// gateway asks for, default 1000); the gateway asks analytics' `ExportReport` page
/// by page and writes each page as it comes: CSV with the header once, or one JSON
/// object per row keyed by the header's columns. Authorized as
/// `analytics.ExportReport` (`analytics:read`). An error before the first page is
/// the usual `google.rpc.Status`; one later ends the stream unfinished (no final
/// chunk), so a client never takes a partial file for a whole one.
struct ExportRoutes: Sendable {
    let catalog: APICatalog
    let client: any RPCClient
    let authenticator: any GatewayAuthenticator

    func register(on router: Router<BasicRequestContext>) {
        for format in ExportFormat.allCases {
            router.post("/v1/exports/report.\(format.rawValue)") { request, context in
                await handle(request, context, format: format)
            }
        }
    }

    private func handle(_ request: Request, _ context: BasicRequestContext, format: ExportFormat) async -> Response {
        guard let route = catalog.route(service: Analytics.service, method: Analytics.exportReport.name) else {
            return ErrorReply(error: RPCError(.unimplemented, "analytics exports are not published")).response()
        }
        let analytics = Analytics.Client(client)
        let first: Analytics.ExportReportReply
        var asked: Analytics.ExportReportRequest
        let caller: GatewayCaller
        do {
            caller = try await authenticator.authenticate(request, for: route)
            let call = MethodCall(route: route, client: client, caller: caller)
            let payload = try await call.payload(of: request)
            do { asked = try Analytics.ExportReportRequest(wireBytes: payload) } catch let error as WireError {
                throw MethodCall.invalid(error, in: route.method.request)
            }
            asked.page_token = nil
            first = try await analytics.exportReport(asked, options: Self.options(caller))
        } catch {
            return ErrorReply.response(to: error)
        }
        let logger = context.logger
        let request = asked
        var headers: HTTPFields = [.contentType: format.contentType]
        let name = (first.file_name ?? "report.csv").replacingOccurrences(of: ".csv", with: ".\(format.rawValue)")
        headers[.contentDisposition] = "attachment; filename=\"\(name.filter { $0 != "\"" })\""
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let header = first.header ?? ""
                var rows = 0
                if format == .csv { try await writer.write(ByteBuffer(string: header + "\r\n")) }
                var page = first
                var next = request
                while true {
                    try await writer.write(ByteBuffer(string: format.lines(page.rows, header: header)))
                    rows += page.rows.count
                    guard let token = page.next_page_token, !token.isEmpty else { break }
                    next.page_token = token
                    do {
                        page = try await analytics.exportReport(next, options: Self.options(caller))
                    } catch {
                        logger.error(
                            "export ended after \(rows) rows: \(error)", metadata: ["caller": "\(caller.name)"])
                        throw error
                    }
                }
                logger.info("export", metadata: ["caller": "\(caller.name)", "rows": "\(rows)", "file": "\(name)"])
                try await writer.finish(nil)
            })
    }

    private static func options(_ caller: GatewayCaller) -> CallOptions {
        CallOptions(timeout: .seconds(30), actor: caller.actor)
    }
}
