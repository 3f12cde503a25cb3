import Foundation
import Hummingbird

/// What every page needs of its request: the language it speaks and its own path
/// (the language switcher comes back to it).
struct PageContext: Sendable {
    let language: Language
    /// The request's path and query, for the switcher's `next`.
    let path: String

    init(_ request: Request, preferred: String? = nil) {
        language = Language(request, preferred: preferred)
        path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    init(language: Language, path: String) {
        self.language = language
        self.path = path
    }

    /// The texts of the page's language.
    var t: Messages { WebResources.shared.messages(language) }

    /// The switcher's entries: each language by its own name, linking to `/language/{code}`.
    var languages: [[String: Any]] {
        let next = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return Language.allCases.map {
            [
                "code": $0.rawValue, "name": $0.name, "current": $0 == language,
                "href": "/language/\($0.rawValue)?next=\(next)",
            ]
        }
    }
}
