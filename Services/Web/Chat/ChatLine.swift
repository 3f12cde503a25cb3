import Contract
import Foundation

/// One message of a chat as the customer sees it: theirs, or an agent's public
/// reply. Internal notes never become a line.
struct ChatLine: Codable, Equatable, Sendable {
    let id: String
    /// `customer` or `agent` (the widget's class for the bubble).
    let from: String
    /// "You" or "Customer service", in the page's language.
    let who: String
    let text: String
    /// The local time it was sent, "14:05".
    let time: String

    /// The lines of `ticket` the customer may see, oldest first.
    static func lines(of ticket: Tickets.Ticket, _ context: PageContext, zone: TimeZone) -> [ChatLine] {
        let t = context.t
        let clock = DateFormatter()
        clock.locale = context.language.locale
        clock.timeZone = zone
        clock.dateFormat = "HH:mm"
        return ticket.messages.compactMap { message in
            let from: String
            switch message.kind {
            case .inbound: from = "customer"
            case .publicReply: from = "agent"
            default: return nil
            }
            let ms = message.sent_at_ms ?? message.created_at_ms ?? 0
            return ChatLine(
                id: message.message_id ?? "", from: from, who: t[from == "customer" ? "chat_you" : "chat_us"],
                text: message.body ?? "", time: clock.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)))
        }
    }

    /// The mustache values of `lines`.
    static func values(_ lines: [ChatLine]) -> [[String: Any]] {
        lines.map { ["from": $0.from, "who": $0.who, "text": $0.text, "time": $0.time] }
    }
}
