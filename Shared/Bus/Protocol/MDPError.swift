import RPC

/// Why a message from a peer is not valid Majordomo; the broker drops such messages
/// (and disconnects workers that send them), other peers are not affected.
public enum MDPError: Error, Equatable, Sendable {
    case missingDelimiter
    case unknownProtocol
    case missingFrames(String)
    case unknownCommand(UInt8)
    case invalidServiceName
}

extension MDPError {
    /// The broker's answer to a client whose request it refuses: INVALID_ARGUMENT
    /// naming what is wrong.
    var refusal: RPCError {
        switch self {
        case .invalidServiceName:
            RPCError.invalidArgument(
                field: "service", "must be 1 to \(BrokerInbound.maxServiceName) visible ASCII characters (0x21-0x7E)")
        case .missingFrames(let what): RPCError.invalidArgument(field: what, "is missing")
        default: RPCError(.invalidArgument, "\(self)")
        }
    }
}
