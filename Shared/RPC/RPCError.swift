import Wire

/// A call that did not succeed: a status code and a message for people. Handlers
/// throw it to answer with that status; clients catch it.
public struct RPCError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: StatusCode
    public let message: String

    public init(_ code: StatusCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// INVALID_ARGUMENT naming `field`.
    public static func invalidArgument(field: String, _ reason: String) -> RPCError {
        RPCError(.invalidArgument, "\(field): \(reason)")
    }

    /// NOT_FOUND for a missing entity, e.g. `notFound("ticket", id)`.
    public static func notFound(_ kind: String, _ id: String) -> RPCError {
        RPCError(.notFound, "no \(kind) '\(id)'")
    }

    /// A request payload that does not decode becomes INVALID_ARGUMENT naming the field.
    init(decoding error: WireError) {
        self.init(.invalidArgument, error.description)
    }
}

/// An error that knows the status it stands for. The worker runtime answers with
/// that status instead of INTERNAL, e.g. a broken domain rule as INVALID_ARGUMENT.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError {
    /// The status `error` answers with: its own, or the one a refusal or store error
    /// stands for; nil for anything else.
    public static func status(of error: any Error) -> RPCError? {
        (error as? RPCError) ?? (error as? RPCErrorConvertible)?.rpcError
    }
}
