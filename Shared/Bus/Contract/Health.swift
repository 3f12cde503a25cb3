import Wire

/// `glimlach.HealthRequest`: every service answers `Health`.
public struct HealthRequest: WireMessage, Equatable {
    public static let messageName = "glimlach.HealthRequest"
    public init() {}
}

/// `glimlach.ServingStatus`.
public enum ServingStatus: Int32, Codable, Sendable {
    case unspecified = 0
    case serving = 1
    case notServing = 2
}

/// `glimlach.HealthReply`.
public struct HealthReply: WireMessage, Equatable {
    public static let messageName = "glimlach.HealthReply"
    public var service: String
    public var status: ServingStatus
    public var version: String?
    public var uptime_ms: UInt64?
    public var last_sequence: UInt64?

    public init(
        service: String, status: ServingStatus, version: String? = nil, uptime_ms: UInt64? = nil,
        last_sequence: UInt64? = nil
    ) {
        self.service = service
        self.status = status
        self.version = version
        self.uptime_ms = uptime_ms
        self.last_sequence = last_sequence
    }
}
