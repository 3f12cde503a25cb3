import Hummingbird

extension Request {
    /// "http(s)://host" as the browser reached this site, for links it copies and
    /// the provider's callback: `https` when cookies are marked Secure (behind TLS).
    func origin(secure: Bool) -> String {
        let host = head.authority ?? "localhost"
        return (secure ? "https://" : "http://") + host
    }
}
