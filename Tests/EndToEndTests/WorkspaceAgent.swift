import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An employee in the web workspace over real HTTP, as a browser without scripts:
/// signs in through the sign-in form, keeps the cookies, and posts a page's forms
/// with their hidden CSRF and once fields. Redirects are not followed, so every
/// cookie a response sets is kept.
final class WorkspaceAgent: @unchecked Sendable {
    let base: String
    private var cookies: [String: String] = [:]
    private let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

    init(base: String) { self.base = base }

    struct Page {
        var status: Int
        var body: String
        var location: String?

        /// The value of the first hidden field `name` after `marker` in the page.
        func hidden(_ name: String, after marker: String = "") -> String? {
            let start = marker.isEmpty ? body.startIndex : (body.range(of: marker)?.upperBound ?? body.endIndex)
            let field = #"name="\#(name)" value=""#
            guard let found = body.range(of: field, range: start..<body.endIndex) else { return nil }
            return String(body[found.upperBound...].prefix { $0 != "\"" })
        }
    }

    func get(_ path: String) async throws -> Page { try await send(path, method: "GET", form: nil) }

    func post(_ path: String, _ form: [(String, String)]) async throws -> Page {
        try await send(path, method: "POST", form: form)
    }

    /// Signs in with the e-mail address and password staff keeps.
    func signIn(email: String, password: String) async throws {
        let form = try await get("/signin?next=%2Finbox")
        let signedIn = try await post(
            "/signin",
            [("csrf", form.hidden("csrf") ?? ""), ("next", "/inbox"), ("name", email), ("password", password)])
        #expect(signedIn.status == 303, "sign-in answered \(signedIn.status)")
    }

    /// Writes `body` in the ticket page's reply box and sends it.
    func reply(_ body: String, on ticketID: String) async throws -> Page {
        let page = try await get("/tickets/\(ticketID)")
        let marker = "/tickets/\(ticketID)/reply\""
        return try await post(
            "/tickets/\(ticketID)/reply",
            [
                ("csrf", page.hidden("csrf", after: marker) ?? ""), ("once", page.hidden("once", after: marker) ?? ""),
                ("body", body),
            ])
    }

    /// Grants a goodwill gesture of `euros` with the ticket page's gesture form.
    func gesture(euros: String, _ description: String, on ticketID: String) async throws -> Page {
        let page = try await get("/tickets/\(ticketID)")
        let marker = "/tickets/\(ticketID)/gesture\""
        return try await post(
            "/tickets/\(ticketID)/gesture",
            [
                ("csrf", page.hidden("csrf", after: marker) ?? ""), ("once", page.hidden("once", after: marker) ?? ""),
                ("kind", "voucher"), ("amount", euros), ("currency", "EUR"), ("description", description),
            ])
    }

    private func send(_ path: String, method: String, form: [(String, String)]?) async throws -> Page {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if !cookies.isEmpty {
            request.setValue(
                cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        if let form {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = form.map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }
            request.httpBody = Data(encoded.joined(separator: "&").utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        for (name, value) in http?.allHeaderFields ?? [:] where "\(name)".lowercased() == "set-cookie" {
            keep("\(value)")
        }
        return Page(
            status: http?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self),
            location: http?.value(forHTTPHeaderField: "Location"))
    }

    /// Keeps the cookies of a Set-Cookie header (several may be folded into one, comma-separated).
    private func keep(_ header: String) {
        for cookie in header.split(separator: ",") {
            let pair = cookie.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
                .split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[0].contains(" ") else { continue }
            cookies[pair[0]] = cookie.contains("Max-Age=0") ? nil : pair[1]
        }
    }
}

/// Leaves redirects to the caller, so a Set-Cookie on a 303 is not lost.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
