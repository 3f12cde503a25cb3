import Contract
import Foundation
import Hummingbird

/// The "quote tree" for the office screen: the latest quotes in large type on a
/// dark background, no navigation. The page reloads itself every minute (a
/// `<meta http-equiv="refresh">`, no script); where motion is welcome the quotes
/// take turns, ten seconds each, else they stand one under the other.
struct WallScreen {
    /// How many quotes the screen shows: one turn of them lasts the minute between reloads.
    static let quotes = 6
    /// Seconds between reloads.
    static let refreshSeconds = 60

    let compliments: [Feedback.Compliment]
    let credits: WallCredits
    let context: PageContext

    func render() -> Response {
        let t = context.t
        let quotes: [[String: Any]] = compliments.prefix(Self.quotes).map { compliment in
            var quote: [String: Any] = ["text": compliment.text ?? ""]
            if let name = compliment.customer_display_name, !name.isEmpty { quote["by"] = name }
            if let credited = compliment.employee_id.map(credits.employee) ?? compliment.team_id.map(credits.team) {
                quote["credit"] = t.format("wall_for", ["who": credited])
            }
            return quote
        }
        let values: [String: Any] = [
            "lang": context.language.rawValue, "title": t["wall_screen_title"], "css": Style.screenCSS,
            "refresh": Self.refreshSeconds, "quotes": quotes, "count": quotes.count, "t": t,
        ]
        return HTML.document(WebResources.shared.render("wall-screen", values))
    }
}
