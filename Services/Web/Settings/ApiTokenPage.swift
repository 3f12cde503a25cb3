import Contract
import Foundation
import Hummingbird

/// `/settings/api-tokens` as the director sees it: the tokens (never a secret), the
/// new-token form, and after a create the secret, shown this once.
struct ApiTokenPage {
    let context: PageContext
    let timeZone: TimeZone
    var tokens: [Staff.ApiToken] = []
    var form = ApiTokenForm()
    /// The token just made and its secret (nil for a repeated post: shown the first time only).
    var made: (token: Staff.ApiToken, secret: String?)?
    var error: String?
    var notice: String?

    var t: Messages { context.t }

    func render(csrf: String, once: String, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = [
            "csrf": csrf, "once": once, "tokens": tokens.map(row), "none": tokens.isEmpty,
            "scope_rows": form.scopeRows(), "name": form.name, "methods": form.methods, "per_minute": form.perMinute,
        ]
        if let made {
            var done: [String: Any] = ["name": made.token.name ?? ""]
            if let secret = made.secret { done["secret"] = secret } else { done["no_secret"] = true }
            values["made"] = done
        }
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return HTML.page(
            "api-tokens", values, title: t["api_tokens_title"], context: context, status: status, wide: true)
    }

    private func row(_ token: Staff.ApiToken) -> [String: Any] {
        var row: [String: Any] = [
            "id": token.token_id ?? "", "name": token.name ?? "", "prefix": token.prefix ?? "",
            "scopes": token.scopes.joined(separator: " "), "per_minute": String(token.requests_per_minute ?? 0),
            "created": time(token.created_at_ms) ?? "",
            "last_used": time(token.last_used_at_ms) ?? t["api_tokens_never"],
        ]
        if let revoked = time(token.revoked_at_ms) {
            row["revoked"] = t.format("api_tokens_revoked_on", ["date": revoked])
        }
        return row
    }

    private func time(_ ms: Int64?) -> String? {
        ms.map { context.language.dateTime(Date(timeIntervalSince1970: Double($0) / 1000), in: timeZone) }
    }
}
