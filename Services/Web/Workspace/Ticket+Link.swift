import Contract
import Foundation

extension Tickets.Ticket {
    /// The ticket's page in the agent workspace.
    var href: String { Self.href(ticket_id ?? "") }

    /// The page of ticket `id`, the id percent-encoded.
    static func href(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        return "/tickets/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}
