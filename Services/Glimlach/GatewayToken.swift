import Foundation

/// The HTTP gateway's bearer token for a native stack: the caller's
/// `GLIMLACH_GATEWAY_TOKEN` when set, else a new random one per start (printed by
/// `glimlach up`).
enum GatewayToken {
    static let variable = "GLIMLACH_GATEWAY_TOKEN"

    static func fromEnvironmentOrNew() -> String {
        if let given = ProcessInfo.processInfo.environment[variable], !given.isEmpty { return given }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }
}
