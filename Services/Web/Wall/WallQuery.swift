import Foundation
import Hummingbird

/// Where in the wall's two lists a page starts: feedback's page tokens for the
/// compliments (`c`) and the stories (`s`); `-` when that list has no older page.
struct WallQuery: Sendable {
    /// Marks a list that has ended.
    static let ended = "-"

    var compliments: String?
    var stories: String?

    init(compliments: String? = nil, stories: String? = nil) {
        self.compliments = compliments
        self.stories = stories
    }

    init(_ request: Request) {
        let parameters = request.uri.queryParameters
        compliments = parameters.get("c").flatMap { $0.isEmpty ? nil : $0 }
        stories = parameters.get("s").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The older page's link, or nil when both lists have ended.
    static func older(compliments: String?, stories: String?) -> String? {
        guard compliments != nil || stories != nil else { return nil }
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        func token(_ value: String?) -> String {
            (value ?? ended).addingPercentEncoding(withAllowedCharacters: unreserved) ?? ended
        }
        return "/wall?c=\(token(compliments))&s=\(token(stories))"
    }
}
