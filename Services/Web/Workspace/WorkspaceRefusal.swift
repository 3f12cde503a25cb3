import Bus

/// What a workspace page says when a service refuses or cannot answer: the
/// service's own message for a refusal (PERMISSION_DENIED, FAILED_PRECONDITION,
/// INVALID_ARGUMENT, NOT_FOUND), "not available right now" otherwise.
enum WorkspaceRefusal {
    static func text(_ error: RPCError, _ t: Messages) -> String {
        switch error.code {
        case .permissionDenied, .failedPrecondition, .invalidArgument, .notFound, .alreadyExists, .outOfRange:
            error.message
        default:
            t.format("not_available", ["reason": error.message])
        }
    }
}
