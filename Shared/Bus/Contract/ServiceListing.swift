import Wire

/// `glimlach.bus.ListServicesRequest`.
public struct ListServicesRequest: WireMessage, Equatable {
    public static let messageName = "glimlach.bus.ListServicesRequest"
    public init() {}
}

/// `glimlach.bus.ServiceInfo`: one row of the broker's operator listing.
public struct ServiceInfo: Codable, Sendable, Equatable {
    public var name: String
    public var workers: UInt32
    public var queue_depth: UInt32
    public var in_flight: UInt32
    public var served: UInt64
    public var failed: UInt64
    public var capacity: UInt32
    public var idle_slots: UInt32
}

/// `glimlach.bus.ListServicesReply`.
public struct ListServicesReply: WireMessage, Equatable {
    public static let messageName = "glimlach.bus.ListServicesReply"
    public var services: [ServiceInfo]
}
