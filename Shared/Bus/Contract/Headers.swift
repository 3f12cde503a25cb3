import RPC
import Wire

/// `glimlach.MetadataEntry`: one key-value pair of call metadata.
public struct MetadataEntry: Codable, Sendable, Equatable {
    public var key: String
    public var value: String?
}

/// `glimlach.RequestHeader`: the second body frame of every request.
public struct RequestHeader: WireMessage, Equatable {
    public static let messageName = "glimlach.RequestHeader"
    public var request_id: String?
    public var deadline_ms: UInt32?
    public var trace_id: String?
    public var metadata: [MetadataEntry] = []
    public var idempotency_key: String?
    public var idempotent: Bool?
    public var acting_employee_id: String?

    public init(
        request_id: String? = nil, deadline_ms: UInt32? = nil, trace_id: String? = nil,
        metadata: [MetadataEntry] = [], idempotency_key: String? = nil, idempotent: Bool? = nil,
        acting_employee_id: String? = nil
    ) {
        self.request_id = request_id
        self.deadline_ms = deadline_ms
        self.trace_id = trace_id
        self.metadata = metadata
        self.idempotency_key = idempotency_key
        self.idempotent = idempotent
        self.acting_employee_id = acting_employee_id
    }
}

/// `glimlach.ReplyHeader`: the first body frame of every reply.
public struct ReplyHeader: WireMessage, Equatable {
    public static let messageName = "glimlach.ReplyHeader"
    public var request_id: String?
    public var code: StatusCode?
    public var message: String?
    public var metadata: [MetadataEntry] = []

    public init(request_id: String?, code: StatusCode, message: String? = nil) {
        self.request_id = request_id
        self.code = code
        self.message = message
    }

    /// The header of an error reply.
    init(request_id: String?, error: RPCError) {
        self.init(request_id: request_id, code: error.code, message: error.message)
    }
}
