import ZeroMQ

/// A message the broker received, parsed from the frames after the sender identity.
enum BrokerInbound: Equatable {
    case request(service: String, body: Multipart)
    /// A client request the broker answers with an error instead of routing: its
    /// service name breaks the naming rule, or it has no body. `service` is the
    /// frame as it came (the reply echoes it).
    case refusedRequest(service: [UInt8], body: Multipart, reason: MDPError)
    /// `capacity` is nil for a stock worker, which sends no concurrency frame.
    case ready(service: String, capacity: Int?)
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
            let body = Array(frames)
            do throws(MDPError) {
                guard !body.isEmpty else { throw .missingFrames("request body") }
                self = .request(service: try Self.serviceName(service), body: body)
            } catch {
                self = .refusedRequest(service: service, body: body, reason: error)
            }
        case MDP.workerHeader:
            guard let command = frames.popFirst(), command.count == 1 else { throw .missingFrames("command") }
            switch MDP.Command(rawValue: command[0]) {
            case .ready:
                guard let service = frames.popFirst() else { throw .missingFrames("service") }
                let capacity = frames.popFirst().map { Int(String(decoding: $0, as: UTF8.self)) ?? 1 }
                let name = try Self.serviceName(service)
                self = .ready(service: name, capacity: capacity.map { min(max($0, 1), 10_000) })
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

    /// RFC 7 names a service by a printable string: 1 to `maxServiceName` visible
    /// ASCII characters (0x21-0x7E), so `orders/v1` and `billing:v2` are names;
    /// spaces, control bytes and anything beyond ASCII are not. Checked byte by
    /// byte (every request pays it).
    private static func serviceName(_ frame: [UInt8]) throws(MDPError) -> String {
        guard !frame.isEmpty, frame.count <= maxServiceName,
            frame.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw .invalidServiceName
        }
        return String(decoding: frame, as: UTF8.self)
    }
}
