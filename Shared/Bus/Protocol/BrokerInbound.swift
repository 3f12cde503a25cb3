import ZeroMQ

/// A message the broker received, parsed from the frames after the sender identity.
enum BrokerInbound: Equatable {
    case request(service: String, body: Multipart)
    case ready(service: String, capacity: Int)
    case reply(address: [UInt8], body: Multipart)
    case heartbeat
    case disconnect

    /// Longest service name accepted; anything longer is garbage.
    static let maxServiceName = 128

    /// - Throws: `MDPError` for anything that is not valid MDP v0.1.
    init(frames: ArraySlice<[UInt8]>) throws(MDPError) {
        var frames = frames
        guard frames.popFirst()?.isEmpty == true else { throw .missingDelimiter }
        guard let header = frames.popFirst() else { throw .missingFrames("protocol header") }
        switch header {
        case MDP.clientHeader:
            guard let service = frames.popFirst() else { throw .missingFrames("service") }
            guard !frames.isEmpty else { throw .missingFrames("request body") }
            self = .request(service: try Self.serviceName(service), body: Array(frames))
        case MDP.workerHeader:
            guard let command = frames.popFirst(), command.count == 1 else { throw .missingFrames("command") }
            switch MDP.Command(rawValue: command[0]) {
            case .ready:
                guard let service = frames.popFirst() else { throw .missingFrames("service") }
                let capacity = frames.popFirst().flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 1
                self = .ready(service: try Self.serviceName(service), capacity: min(max(capacity, 1), 10_000))
            case .reply:
                guard let address = frames.popFirst(), frames.popFirst()?.isEmpty == true, !frames.isEmpty else {
                    throw .missingFrames("reply envelope")
                }
                self = .reply(address: address, body: Array(frames))
            case .heartbeat: self = .heartbeat
            case .disconnect: self = .disconnect
            case .request, nil: throw .unknownCommand(command[0])
            }
        default:
            throw .unknownProtocol
        }
    }

    /// ASCII letters, digits and `._-`, checked byte by byte (every request pays it).
    private static func serviceName(_ frame: [UInt8]) throws(MDPError) -> String {
        guard !frame.isEmpty, frame.count <= maxServiceName, frame.allSatisfy(isNameByte) else {
            throw .invalidServiceName
        }
        return String(decoding: frame, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
