/// Majordomo Protocol v0.1 (ZeroMQ RFC 7) constants.
///
/// Every frame sequence here is what follows the ROUTER identity frame:
/// - client request: `"" "MDPC01" service body...`
/// - client reply:   `"" "MDPC01" service body...`
/// - worker:         `"" "MDPW01" command ...` with READY `service`, REQUEST/REPLY
///   `client-address "" body...`, HEARTBEAT and DISCONNECT with nothing more.
///
/// Extension: a READY may carry one more frame, the worker's concurrency as ASCII
/// digits ("8"); a stock worker sends none and counts as 1.
public enum MDP {
    public static let clientHeader = Array("MDPC01".utf8)
    public static let workerHeader = Array("MDPW01".utf8)

    /// Worker commands, one byte each.
    public enum Command: UInt8, Sendable {
        case ready = 0x01
        case request = 0x02
        case reply = 0x03
        case heartbeat = 0x04
        case disconnect = 0x05

        public var frame: [UInt8] { [rawValue] }
    }

    /// Service discovery (ZeroMQ RFC 8): body is a service name, reply "200" or "404".
    public static let mmiService = "mmi.service"
    /// The broker's own RPC service (listing, health).
    public static let brokerService = "bus"
}
