import Bus
import Contract
import Foundation
import ServiceKit

/// Request fields of proto/webhooks.proto, checked, answered as INVALID_ARGUMENT
/// naming the field.
enum Checks {
    /// An endpoint URL: `https://` anywhere, `http://` only on loopback
    /// (127.0.0.0/8, ::1, localhost), which is for tests and a receiver on the same
    /// machine; no user or password in it, no fragment; at most 2,000 characters.
    static func url(_ value: String?, _ field: String = "url") throws(RPCError) -> String {
        let text = try Fields.text(value, field, maxLength: 2000)
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host, !host.isEmpty
        else { throw RPCError.invalidArgument(field: field, "must be an absolute https URL, got '\(text)'") }
        guard url.user == nil, url.password == nil, url.fragment == nil else {
            throw RPCError.invalidArgument(field: field, "must not carry a user, password or #fragment")
        }
        switch scheme {
        case "https": return text
        case "http" where isLoopback(host): return text
        case "http":
            throw RPCError.invalidArgument(
                field: field, "must be https (http only for loopback: 127.0.0.1, ::1, localhost), got '\(text)'")
        default: throw RPCError.invalidArgument(field: field, "must be an https URL, got '\(text)'")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Distinct public event types, at least one, each from `PublicEvent`.
    static func eventTypes(_ values: [String], _ field: String = "event_types") throws(RPCError) -> [String] {
        guard !values.isEmpty else {
            let known = PublicEvent.names.joined(separator: ", ")
            throw RPCError.invalidArgument(field: field, "must name at least one of \(known)")
        }
        var seen: [String] = []
        for value in values.map({ $0.trimmingCharacters(in: .whitespaces) }) where !seen.contains(value) {
            guard PublicEvent(rawValue: value) != nil else {
                throw RPCError.invalidArgument(
                    field: field, "unknown event type '\(value)'; known: \(PublicEvent.names.joined(separator: ", "))")
            }
            seen.append(value)
        }
        return seen
    }

    /// A comma-separated list of event types (UpdateSubscription).
    static func eventTypesList(_ value: String, _ field: String = "event_types_list") throws(RPCError) -> [String] {
        try eventTypes(value.split(separator: ",").map(String.init).filter { !$0.isEmpty }, field)
    }
}
