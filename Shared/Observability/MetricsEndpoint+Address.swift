/// A metrics endpoint's address that does not read as `tcp://host:port`.
struct MetricsAddressError: Error, CustomStringConvertible {
    let description: String
}

extension MetricsEndpoint {
    /// Splits `tcp://host:port` (the form every Glimlach endpoint takes) into the host
    /// and port to bind; `*` means every IPv4 interface, `[::1]` an IPv6 host.
    /// - Throws: `MetricsAddressError` when the scheme, host or port is missing or wrong.
    static func address(_ endpoint: String) throws -> (host: String, port: Int) {
        guard endpoint.hasPrefix("tcp://"), let colon = endpoint.lastIndex(of: ":"),
            colon > endpoint.index(endpoint.startIndex, offsetBy: 5)
        else { throw MetricsAddressError(description: "endpoint: expected tcp://host:port, got \(endpoint)") }
        var host = String(endpoint[endpoint.index(endpoint.startIndex, offsetBy: 6)..<colon])
        guard let port = Int(endpoint[endpoint.index(after: colon)...]), (0...65535).contains(port), !host.isEmpty
        else { throw MetricsAddressError(description: "endpoint: expected tcp://host:port, got \(endpoint)") }
        if host == "*" { host = "0.0.0.0" }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
