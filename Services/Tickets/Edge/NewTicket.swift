import Bus
import Contract
import Domain
import ServiceKit

/// A checked request to open a ticket (CreateTicket or OpenFollowUp).
struct NewTicket: Sendable {
    var customer: Tickets.Customer
    var channel: Channel
    var productCategory: String
    var orderReference: String?
    var subject: String
    var notes: [String] = []
    var priority: Tickets.TicketPriority = .normal
    var body: String?
    var receivedAtMs: Int64?
    /// Set for imported history; unset: now.
    var createdAtMs: Int64?
    var createdByID: String?
    var assigneeID: String?
    var teamID: String?
    var employerID: String?
    var followUp: Tickets.FollowUpOrigin?
}

extension Tickets.Customer {
    /// The customer with every field checked; `name` and `handle` required, `country`
    /// an ISO code, `language` BCP 47-shaped when set.
    /// - Throws: INVALID_ARGUMENT naming the field under `field` ("customer.handle").
    func checked(field: String) throws -> Tickets.Customer {
        var customer = Tickets.Customer(
            name: try Fields.text(name, "\(field).name"), handle: try Fields.text(handle, "\(field).handle"),
            country: try Country(try Fields.required(country, "\(field).country"), field: "\(field).country").code)
        if let id = customer_id, !id.isEmpty {
            customer.customer_id = try CustomerID(id, field: "\(field).customer_id").rawValue
        }
        if let language = try Fields.optionalText(language, "\(field).language", maxLength: 35) {
            let parts = language.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy(\.isLetter),
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber } })
            else {
                throw RPCError.invalidArgument(field: "\(field).language", "must be a BCP 47 tag such as nl or fr-BE")
            }
            customer.language = language
        }
        return customer
    }
}
