import AsyncHTTPClient

/// Health checks for processes that serve HTTP instead of the bus (the web front),
/// with AsyncHTTPClient (SwiftNIO, so the static executables need no libcurl).
public enum HTTPProbe {
    /// The status code of `GET url`, or nil when nothing answers within `timeout`.
    ///
    /// Each probe takes a client of its own: a pooled client backs off longer after
    /// every refused connection, so probes of a process that is still starting would
    /// see it late.
    public static func status(_ url: String, timeout: Duration = .seconds(2)) async -> Int? {
        let milliseconds = Int64(timeout / .milliseconds(1))
        let client = HTTPClient()
        var status: Int?
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .milliseconds(milliseconds))
            _ = try await response.body.collect(upTo: 1 << 20)
            status = Int(response.status.code)
        } catch {
            status = nil
        }
        try? await client.shutdown()
        return status
    }
}
