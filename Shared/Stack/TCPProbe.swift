import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether something listens at a TCP address: one connect, closed at once. Tells
/// "nothing there" (refused, unreachable, unknown host) from a timeout without
/// waiting for a bus call's deadline, which a ZeroMQ socket, retrying its connect
/// in the background, never reports.
public enum TCPProbe {
    /// Why nothing accepted a connection to `endpoint` ("tcp://HOST:PORT") within
    /// `timeoutMs`, e.g. "connection refused"; nil when a connection was made, or
    /// when `endpoint` is not a TCP endpoint (ipc:// and inproc:// are not probed).
    public static func failure(connectingTo endpoint: String, timeoutMs: Int32 = 1000) -> String? {
        guard endpoint.hasPrefix("tcp://") else { return nil }
        let address = endpoint.dropFirst("tcp://".count)
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) else {
            return "not HOST:PORT"
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            return "unknown host \(host): \(String(cString: gai_strerror(resolved)))"
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            guard let failure = attempt(info.pointee, timeoutMs: timeoutMs) else { return nil }
            reason = failure
            entry = info.pointee.ai_next
        }
        return reason
    }

    /// One non-blocking connect, waited for with poll.
    private static func attempt(_ info: addrinfo, timeoutMs: Int32) -> String? {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)).lowercased() }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, timeoutMs) == 1 else { return "no answer within \(timeoutMs) ms" }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0 ? nil : String(cString: strerror(error)).lowercased()
    }
}
