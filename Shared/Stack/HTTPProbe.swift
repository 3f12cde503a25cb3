import AsyncHTTPClient

/// Health checks for processes that serve HTTP instead of the bus (the web front),
/// with AsyncHTTPClient (SwiftNIO, so the static executables need no libcurl).
public enum HTTPProbe {
    /// The status code of `GET url`, or nil when nothing answers within `timeout`.
    public static func status(_ url: String, timeout: Duration = .seconds(2)) async -> Int? {
        let milliseconds = Int64(timeout / .milliseconds(1))
        do {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: url), timeout: .milliseconds(milliseconds))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}
