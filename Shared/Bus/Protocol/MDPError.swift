/// Why a message from a peer is not valid Majordomo; the broker drops such messages
/// (and disconnects workers that send them), other peers are not affected.
public enum MDPError: Error, Equatable, Sendable {
    case missingDelimiter
    case unknownProtocol
    case missingFrames(String)
    case unknownCommand(UInt8)
    case invalidServiceName
}
