import Bus
import Contract
import Foundation

/// What a lead needs to act on a detractor's follow-up: the comment, the customer,
/// who owns the follow-up ticket and where it is. Fetched for the first
/// `FollowUpDetails.limit` follow-ups shown, each part on its own (a part a service
/// does not give stays empty).
struct FollowUpDetail: Sendable {
    var comment: String?
    var customer: String?
    var owner: String?
    var ticketID: String?
}

enum FollowUpDetails {
    static let limit = 10

    static func fetch(_ followUps: [Feedback.FollowUp], with fetcher: DashboardFetcher) async -> [String:
        FollowUpDetail]
    {
        await withTaskGroup(of: (String, FollowUpDetail).self) { group in
            for followUp in followUps.prefix(limit) {
                guard let id = followUp.response_id else { continue }
                group.addTask { (id, await detail(followUp, with: fetcher)) }
            }
            var details: [String: FollowUpDetail] = [:]
            for await (id, detail) in group { details[id] = detail }
            return details
        }
    }

    private static func detail(_ followUp: Feedback.FollowUp, with fetcher: DashboardFetcher) async -> FollowUpDetail {
        var detail = FollowUpDetail(ticketID: followUp.follow_up_ticket_id)
        async let response = fetcher.call(Feedback.getResponse, .init(response_id: followUp.response_id))
        if let ticketID = followUp.follow_up_ticket_id,
            case .ready(let reply) = await fetcher.call(Tickets.getTicket, .init(ticket_id: ticketID))
        {
            detail.customer = reply.ticket?.customer?.name
            if let owner = reply.ticket?.assignee_id,
                case .ready(let employee) = await fetcher.call(Staff.getEmployee, .init(employee_id: owner))
            {
                detail.owner = employee.employee?.name ?? owner
            }
        }
        if case .ready(let reply) = await response { detail.comment = reply.response?.comment }
        return detail
    }
}
