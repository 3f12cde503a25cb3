import Bus
import Contract
import Foundation
import Hummingbird

/// `/dashboard` and `/dashboard/csv/{chart}`: for signed-in users only; anyone else
/// is sent to `/signin` and back here afterwards.
struct DashboardRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings
    var now: @Sendable () -> Date = Date.init

    func register(on router: Router<WebRequestContext>) {
        router.get("/dashboard") { request, context in try await dashboard(request, account: context.account) }
        router.get("/dashboard/csv/:chart") { request, context in
            try await csv(request, chart: context.parameters.get("chart") ?? "")
        }
    }

    private func dashboard(_ request: Request, account: Staff.Account?) async throws -> Response {
        guard let session = settings.sessions.session(request) else { return .signIn(returningTo: request) }
        let query = DashboardQuery(request)
        let now = now()
        let window = query.window(now: now, in: settings.timeZone)
        let timeout = min(settings.callTimeout, settings.cardTimeout)
        async let fetched = DashboardFetcher(client: client, timeout: timeout).fetch(query, window: window)
        var notices: [Webhooks.Subscription] = []
        if let employee = session.employeeID {
            notices = await WebhookNotices(client: client, timeout: timeout).disabled(ownerID: employee)
        }
        let data = await fetched
        return DashboardPage(
            user: account?.name ?? session.user, signOutCSRF: settings.sessions.csrf("signout", nonce: session.nonce),
            query: query,
            window: window, data: data, now: now, context: PageContext(request),
            teamLink: account?.role == .teamLead || account?.role == .directorOfHappyCustomers,
            employee: session.employeeID != nil,
            mayInvite: account?.role == .hr || account?.role == .directorOfHappyCustomers,
            apiTokensLink: account?.role == .directorOfHappyCustomers, webhookNotices: notices
        ).render()
    }

    private func csv(_ request: Request, chart: String) async throws -> Response {
        guard settings.sessions.session(request) != nil else { return .signIn(returningTo: request) }
        let query = DashboardQuery(request)
        let window = query.window(now: now(), in: settings.timeZone)
        let export = DashboardCSV(client: client, timeout: settings.callTimeout, now: now())
        let found: DashboardCSV.File?
        let context = PageContext(request)
        let t = context.t
        do { found = try await export.file(chart, query: query, window: window) } catch let error as RPCError {
            return HTML.message(
                title: t["csv_unavailable"], paragraphs: [error.description], link: ("/dashboard", t["back"]),
                context: context, status: .serviceUnavailable)
        }
        guard let file = found else {
            return HTML.message(
                title: t["csv_no_such_chart"], paragraphs: [], link: ("/dashboard", t["back_to_dashboard"]),
                context: context, status: .notFound)
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: file.text)))
        response.headers[.contentType] = "text/csv; charset=utf-8"
        response.headers[.contentDisposition] = #"attachment; filename="\#(file.name)""#
        return response
    }
}
