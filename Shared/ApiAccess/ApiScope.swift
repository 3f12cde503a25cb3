/// What an API token may call, as the director grants it:
///
/// | Scope | Covers |
/// |---|---|
/// | `tickets:read` | the methods of `tickets` marked `// @idempotent` in proto/ |
/// | `tickets:write` | every method of `tickets` |
/// | `tickets.CreateTicket` | that one method |
///
/// `ApiScope(_:)` reads the syntax only; `ApiScope.validated(_:)` also checks the
/// names against the contract (staff does so when it makes a token).
public enum ApiScope: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The service's idempotent methods (reads).
    case read(service: String)
    /// Every method of the service.
    case write(service: String)
    /// One method, by its rpc name.
    case method(service: String, name: String)

    /// The scope `text` spells, or nil when it is none of the three forms.
    public init?(_ text: String) {
        if let colon = text.firstIndex(of: ":") {
            let service = String(text[..<colon])
            guard Self.isName(service) else { return nil }
            switch text[text.index(after: colon)...] {
            case "read": self = .read(service: service)
            case "write": self = .write(service: service)
            default: return nil
            }
        } else if let dot = text.firstIndex(of: ".") {
            let service = String(text[..<dot])
            let name = String(text[text.index(after: dot)...])
            guard Self.isName(service), Self.isName(name) else { return nil }
            self = .method(service: service, name: name)
        } else {
            return nil
        }
    }

    /// The service the scope is about.
    public var service: String {
        switch self {
        case .read(let service), .write(let service), .method(let service, _): service
        }
    }

    /// The scope as it is written and stored: `tickets:read`, `tickets.CreateTicket`.
    public var description: String {
        switch self {
        case .read(let service): service + ":read"
        case .write(let service): service + ":write"
        case .method(let service, let name): service + "." + name
        }
    }

    /// Whether the scope lets a token make `call`.
    public func covers(_ call: ApiCall) -> Bool {
        switch self {
        case .read(let service): service == call.service && call.idempotent
        case .write(let service): service == call.service
        case .method(let service, let name): service == call.service && name == call.method
        }
    }

    public static func < (a: ApiScope, b: ApiScope) -> Bool { a.description < b.description }

    /// Letters, digits, `_` and `-`, 1 to 64 of them.
    private static func isName(_ text: String) -> Bool {
        (1...64).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || "0123456789_-".unicodeScalars.contains($0))
            }
    }
}
