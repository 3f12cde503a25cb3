import Foundation

/// Why a domain value could not be made: the field it came from and the rule it broke.
///
/// Every validating initializer in `Domain` throws this, so a service can answer
/// INVALID_ARGUMENT naming the field:
/// ```swift
/// catch let error as DomainError { throw RPCError.invalidArgument(field: error.field, error.reason) }
/// ```
public enum DomainError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The value of `field` breaks a rule; `reason` says which, for people.
    case invalid(field: String, reason: String)

    /// The field the error is about, e.g. "score" or "currency".
    public var field: String {
        switch self {
        case .invalid(let field, _): field
        }
    }

    /// The broken rule, e.g. "must be 0...10, got 11".
    public var reason: String {
        switch self {
        case .invalid(_, let reason): reason
        }
    }

    /// "score: must be 0...10, got 11": the field first, as INVALID_ARGUMENT messages
    /// start (proto/README.md, Errors).
    public var description: String { "\(field): \(reason)" }

    /// Same as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
