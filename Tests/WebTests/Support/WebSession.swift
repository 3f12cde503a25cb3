import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A user agent over HummingbirdTesting's client: keeps cookies like a browser,
/// posts forms, reads a page's hidden CSRF field.
final class WebSession: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }

        /// The value of the hidden field `name`, as a form would send it.
        func hidden(_ name: String) -> String? {
            let marker = #"name="\#(name)" value=""#
            guard let start = body.range(of: marker) else { return nil }
            return String(body[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, .get, body: nil, headers: headers)
    }

    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, .post, body: body)
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    private func send(_ uri: String, _ method: HTTPRequest.Method, body: String?, headers: HTTPFields = [:])
        async throws -> Page
    {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            let maxAgeZero = field.contains("Max-Age=0")
            cookies[pair[0]] = maxAgeZero ? nil : (pair.count > 1 ? pair[1] : "")
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Signs in as `name` through the sign-in form.
    @discardableResult
    func signIn(_ name: String = "lisa", password: String = WebWorld.password, next: String = "/dashboard") async throws
        -> Page
    {
        let form = try await get("/signin?next=\(Self.encode(next))")
        return try await post(
            "/signin", [("csrf", form.hidden("csrf") ?? ""), ("next", next), ("name", name), ("password", password)])
    }
}
