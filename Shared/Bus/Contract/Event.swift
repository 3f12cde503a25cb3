import Wire

/// `glimlach.Event`: a committed domain event, as published and as replayed by `Since`.
public struct Event: WireMessage, Equatable {
    public static let messageName = "glimlach.Event"
    /// The publishing service, e.g. "tickets".
    public var service: String
    /// Per service: starts at 1, one more for every committed event.
    public var sequence: UInt64
    /// What happened, e.g. "ticket.resolved".
    public var type: String
    public var occurred_at_ms: Int64
    public var subject_id: String?
    public var trace_id: String?
    /// The event's own message, encoded.
    public var payload: [UInt8]

    public init(
        service: String, sequence: UInt64, type: String, occurred_at_ms: Int64, subject_id: String? = nil,
        trace_id: String? = nil, payload: [UInt8] = []
    ) {
        self.service = service
        self.sequence = sequence
        self.type = type
        self.occurred_at_ms = occurred_at_ms
        self.subject_id = subject_id
        self.trace_id = trace_id
        self.payload = payload
    }

    /// The PUB/SUB topic frame: "<service>.<type>", so subscribers filter by prefix.
    public var topic: String { "\(service).\(type)" }
}

/// `glimlach.SinceRequest`: replay committed events after a sequence number.
public struct SinceRequest: WireMessage, Equatable {
    public static let messageName = "glimlach.SinceRequest"
    public var after_sequence: UInt64
    public var limit: UInt32?

    public init(after_sequence: UInt64, limit: UInt32? = nil) {
        self.after_sequence = after_sequence
        self.limit = limit
    }
}

/// `glimlach.SinceReply`: one page of events.
public struct SinceReply: WireMessage, Equatable {
    public static let messageName = "glimlach.SinceReply"
    public var events: [Event]
    public var last_sequence: UInt64

    public init(events: [Event], last_sequence: UInt64) {
        self.events = events
        self.last_sequence = last_sequence
    }
}
