import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /people/{employee}`: one person's page: their onboarding checklist (the
/// listening day, the training weeks, the first customer contact), the offer while
/// they are on probation, their entrepreneur's plan with its goals, and a link to
/// their one-to-ones. Staff's rule for plans (the employee, their lead, HR and the
/// director) decides who sees the page: a refusal is a 403 page with staff's
/// PERMISSION_DENIED message and nothing of the person.
struct PersonRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        let section = PeopleSection(client: client, settings: settings)
        router.get("/people/:employee") { request, context in
            let viewer: PeopleViewer
            switch await section.viewer(request, context) {
            case .success(let found): viewer = found
            case .failure(let refused): return refused.response
            }
            let employee = context.parameters.get("employee") ?? ""
            return await person(employee, request: request, viewer: viewer, section: section)
        }
    }

    private func person(_ id: String, request: Request, viewer: PeopleViewer, section: PeopleSection) async
        -> Response
    {
        let context = PageContext(request)
        let calls = viewer.calls
        var page = PersonPage(context: context, timeZone: settings.timeZone)
        let status: HTTPResponse.Status
        do {
            // The plan first: staff's rule for it is the page's.
            page.plan = try await calls.call(Staff.getPlan, .init(employee_id: id)).plan
            let employee = try await calls.call(Staff.getEmployee, .init(employee_id: id)).employee
            page.employee = employee
            async let onboarding = calls.call(Staff.getOnboarding, .init(employee_id: id)).onboarding
            async let offer = self.offer(of: employee, calls: calls)
            page.onboarding = try await onboarding
            (page.offer, page.policy) = try await offer
            status = .ok
        } catch let error as RPCError {
            page.refusal = WorkspaceRefusal.text(error, context.t)
            status =
                switch error.code {
                case .permissionDenied: .forbidden
                case .notFound, .invalidArgument: .notFound
                default: .serviceUnavailable
                }
        } catch {
            page.refusal = context.t.format("not_available", ["reason": "\(error)"])
            status = .serviceUnavailable
        }
        var values = page.values
        values["one_to_ones"] = "/people/\(id)/one-to-ones"
        return section.render(
            "person", values, title: page.heading, current: nil, viewer: viewer, request: request, status: status)
    }

    /// The employee's offer, if one was made; and while on probation without one,
    /// the company's policy (what the offer would be).
    private func offer(of employee: Staff.Employee?, calls: AgentCalls) async throws -> (
        Staff.Offer?, Staff.OfferPolicy?
    ) {
        guard let id = employee?.employee_id else { return (nil, nil) }
        do {
            return (try await calls.call(Staff.getOffer, .init(employee_id: id)).offer, nil)
        } catch let error as RPCError where error.code == .notFound {
            guard employee?.status == .probation else { return (nil, nil) }
            return (nil, try await calls.call(Staff.getOfferPolicy, .init()).policy)
        }
    }
}
