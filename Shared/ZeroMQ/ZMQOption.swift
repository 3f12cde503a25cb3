import CZeroMQ

/// Integer socket options Glimlach sets.
public enum ZMQIntOption: Sendable {
    case linger
    case sendHighWaterMark
    case receiveHighWaterMark
    case reconnectIntervalMs
    case reconnectIntervalMaxMs
    case routerMandatory
    case immediate

    var cValue: Int32 {
        switch self {
        case .linger: ZMQ_LINGER
        case .sendHighWaterMark: ZMQ_SNDHWM
        case .receiveHighWaterMark: ZMQ_RCVHWM
        case .reconnectIntervalMs: ZMQ_RECONNECT_IVL
        case .reconnectIntervalMaxMs: ZMQ_RECONNECT_IVL_MAX
        case .routerMandatory: ZMQ_ROUTER_MANDATORY
        case .immediate: ZMQ_IMMEDIATE
        }
    }
}

/// Binary socket options Glimlach sets.
public enum ZMQBytesOption: Sendable {
    case subscribe
    case unsubscribe
    case routingID

    var cValue: Int32 {
        switch self {
        case .subscribe: ZMQ_SUBSCRIBE
        case .unsubscribe: ZMQ_UNSUBSCRIBE
        case .routingID: ZMQ_ROUTING_ID
        }
    }
}
