import Contract
import Foundation
import Hummingbird

/// The wall page: quotes (the customer by first name and initial as feedback
/// keeps it, who is credited, the day) and WOW stories (title, story, who made it
/// happen, reactions), each list newest first, and the link to older ones.
struct WallPage {
    let data: WallData
    let query: WallQuery
    let context: PageContext
    let timeZone: TimeZone
    /// The reaction forms' CSRF token; nil for someone who cannot react (not an employee).
    let reactCSRF: String?

    var t: Messages { context.t }

    func render() -> Response {
        var values: [String: Any] = [
            "compliments": data.compliments.map(compliment), "stories": data.stories.map(story),
            "first": query.compliments == nil && query.stories == nil,
        ]
        if let older = WallQuery.older(compliments: data.nextCompliments, stories: data.nextStories) {
            values["older"] = older
        }
        return HTML.page("wall", values, title: t["wall_title"], context: context, wide: true)
    }

    /// `id` as it may stand in a fragment: letters, digits, `-` and `_`.
    static func anchor(_ id: String) -> String {
        String(id.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    private func compliment(_ compliment: Feedback.Compliment) -> [String: Any] {
        var row: [String: Any] = ["text": compliment.text ?? "", "date": day(compliment.received_at_ms)]
        if let name = compliment.customer_display_name, !name.isEmpty { row["by"] = name }
        let credited = [compliment.employee_id.map(data.credits.employee), compliment.team_id.map(data.credits.team)]
            .compactMap { $0 }
        if !credited.isEmpty { row["credit"] = t.format("wall_for", ["who": credited.joined(separator: " · ")]) }
        return row
    }

    private func story(_ story: Feedback.Story) -> [String: Any] {
        let id = story.story_id ?? ""
        let who = story.employee_ids.map(data.credits.employee) + story.team_ids.map(data.credits.team)
        let counts = Dictionary(
            story.reactions.compactMap { r in r.kind.map { ($0, Int(r.count ?? 0)) } }, uniquingKeysWith: +)
        var row: [String: Any] = [
            "id": id, "anchor": Self.anchor(id), "title": story.title ?? "", "body": story.body ?? "",
            "who": t.format("wall_made_by", ["who": who.joined(separator: ", ")]), "date": day(story.created_at_ms),
            "reactions": WallReaction.all.map { reaction in
                [
                    "kind": reaction.name, "sign": reaction.sign, "label": t[reaction.messageKey],
                    "count": context.language.number(counts[reaction.kind] ?? 0),
                ] as [String: Any]
            },
        ]
        if let shared = story.shared_by_id {
            row["shared"] = t.format("wall_shared_by", ["who": data.credits.employee(shared)])
        }
        if let reactCSRF {
            row["react"] = true
            row["csrf"] = reactCSRF
        }
        return row
    }

    private func day(_ ms: Int64?) -> String {
        guard let ms else { return "" }
        return context.language.date(Date(timeIntervalSince1970: Double(ms) / 1000), in: timeZone)
    }
}
