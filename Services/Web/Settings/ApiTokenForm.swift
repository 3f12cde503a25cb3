import Foundation
import ApiAccess
import Contract

/// The new-token form of `/settings/api-tokens`: the integration's name, a
/// checkbox per service for `read` and `write` (fields named `scope:<service>:read`
/// and `scope:<service>:write`), single methods typed in (`methods`, separated by
/// spaces or commas) and the requests per minute (`per_minute`). Staff checks every
/// scope against the contract; the form only gathers them.
struct ApiTokenForm: Sendable {
    static let scopeField = "scope:"

    var name = ""
    /// The scopes ticked or typed, as written.
    var scopes: [String] = []
    var methods = ""
    var perMinute = String(ApiRateLimiter.defaultPerMinute)

    init() {}

    init(_ form: Form) {
        name = form["name"] ?? ""
        methods = form["methods"] ?? ""
        perMinute = form["per_minute"] ?? ""
        let ticked = form.fields.filter { $0.key.hasPrefix(Self.scopeField) && !$0.value.isEmpty }.keys
            .map { String($0.dropFirst(Self.scopeField.count)) }
        let typed = methods.split(whereSeparator: { $0 == "," || $0 == " " || $0.isNewline }).map(String.init)
        scopes = (ticked + typed).sorted()
    }

    /// What staff is asked to make.
    /// - Throws: `FormError` when the requests per minute are not a whole number.
    func request(_ t: Messages) throws(FormError) -> Staff.CreateApiTokenRequest {
        let trimmed = perMinute.trimmingCharacters(in: .whitespaces)
        var limit: UInt32?
        if !trimmed.isEmpty {
            guard let value = UInt32(trimmed) else {
                throw FormError(message: t["api_tokens_per_minute_invalid"])
            }
            limit = value
        }
        return Staff.CreateApiTokenRequest(name: name, scopes: scopes, requests_per_minute: limit)
    }

    /// The checkbox table: a row per service with its read and write boxes, ticked
    /// as the form left them.
    func scopeRows() -> [[String: Any]] {
        ApiScope.services.map { service in
            [
                "service": service, "read": "\(Self.scopeField)\(service):read",
                "write": "\(Self.scopeField)\(service):write",
                "read_checked": scopes.contains("\(service):read"),
                "write_checked": scopes.contains("\(service):write"),
            ]
        }
    }
}
