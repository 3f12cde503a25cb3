import Crypto

/// The `X-Hub-Signature-256` check of Meta webhook deliveries: `sha256=` followed by the
/// lowercase hex HMAC-SHA256 of the exact raw body, keyed with the app secret.
public enum WebhookSignature {
    /// The header Meta signs deliveries in.
    public static let headerName = "X-Hub-Signature-256"

    /// Whether `header` is a valid signature of `body`. The comparison takes the same
    /// time wherever the first wrong byte is.
    ///
    /// - Parameters:
    ///   - header: The header's value, `sha256=<64 hex digits>`, or nil when absent.
    ///   - body: The raw body bytes, exactly as received.
    ///   - appSecret: The app secret from the Meta app's settings.
    public static func isValid(header: String?, body: some Collection<UInt8>, appSecret: String) -> Bool {
        guard let header, header.hasPrefix("sha256="), let mac = bytes(hex: header.dropFirst(7)), mac.count == 32
        else { return false }
        let key = SymmetricKey(data: Array(appSecret.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(body), using: key)
    }

    /// The header value Meta would send for `body`: `sha256=<hex>`.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes.
    ///   - appSecret: The app secret.
    public static func header(for body: some Collection<UInt8>, appSecret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(body), using: SymmetricKey(data: Array(appSecret.utf8)))
        return "sha256="
            + mac.map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
            }.joined()
    }

    /// Hex digits (either case) as bytes, or nil for an odd length or a non-hex digit.
    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
