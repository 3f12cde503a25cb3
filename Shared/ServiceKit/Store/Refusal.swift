import Bus

/// A business rule saying no. Rules (`Services/*/Rules/`) throw it, also when a
/// handler runs them inside a store transaction; the router answers with the status.
public enum Refusal: Error, Equatable, Sendable {
    /// FAILED_PRECONDITION: the data is not in a state that allows the change.
    case precondition(String)
    /// ALREADY_EXISTS: the change was made before.
    case exists(String)
    /// PERMISSION_DENIED: the person named may not make the change.
    case permission(String)
    /// INVALID_ARGUMENT naming `field`: the value breaks a rule that needs the data.
    case invalid(field: String, String)
}

extension Refusal: RPCErrorConvertible {
    /// The status and message the refusal stands for.
    public var rpcError: RPCError {
        switch self {
        case .precondition(let message): RPCError(.failedPrecondition, message)
        case .exists(let message): RPCError(.alreadyExists, message)
        case .permission(let message): RPCError(.permissionDenied, message)
        case .invalid(let field, let reason): RPCError.invalidArgument(field: field, reason)
        }
    }
}
