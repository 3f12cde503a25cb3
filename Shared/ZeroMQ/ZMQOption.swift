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
    case curveServer

    var cValue: Int32 {
        switch self {
        case .linger: ZMQ_LINGER
        case .sendHighWaterMark: ZMQ_SNDHWM
        case .receiveHighWaterMark: ZMQ_RCVHWM
        case .reconnectIntervalMs: ZMQ_RECONNECT_IVL
        case .reconnectIntervalMaxMs: ZMQ_RECONNECT_IVL_MAX
        case .routerMandatory: ZMQ_ROUTER_MANDATORY
        case .immediate: ZMQ_IMMEDIATE
        case .curveServer: ZMQ_CURVE_SERVER
        }
    }
}

/// Binary socket options Glimlach sets.
public enum ZMQBytesOption: Sendable {
    case subscribe
    case unsubscribe
    case routingID
    /// CURVE keys as 40 characters of Z85.
    case curvePublicKey, curveSecretKey, curveServerKey
    /// The ZAP domain a CURVE server asks its handler about.
    case zapDomain

    var cValue: Int32 {
        switch self {
        case .subscribe: ZMQ_SUBSCRIBE
        case .unsubscribe: ZMQ_UNSUBSCRIBE
        case .routingID: ZMQ_ROUTING_ID
        case .curvePublicKey: ZMQ_CURVE_PUBLICKEY
        case .curveSecretKey: ZMQ_CURVE_SECRETKEY
        case .curveServerKey: ZMQ_CURVE_SERVERKEY
        case .zapDomain: ZMQ_ZAP_DOMAIN
        }
    }
}
