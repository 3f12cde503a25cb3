import Bus

/// What a store throws from inside its reads and writes: plain facts about the data,
/// no statuses. The router answers each with its status through `RPCErrorConvertible`,
/// so SQL closures never build an `RPCError` and a second backend throws the same.
public enum StoreError: Error, Equatable, Sendable {
    /// No `kind` with `id` ("employee", "emp-1"): NOT_FOUND "no employee 'emp-1'".
    case notFound(_ kind: String, _ id: String)
    /// Nothing matches, said in a whole sentence ("no survey for this link"): NOT_FOUND.
    case absent(String)
    /// A command reached the store without a value it needs (`field`): INVALID_ARGUMENT
    /// "field: must be set" where a force-unwrap would have crashed.
    case missing(_ field: String)
    /// The disk has no room for the write (SQLite's SQLITE_FULL): RESOURCE_EXHAUSTED.
    /// Nothing of the write was made; the same write succeeds once space is freed.
    case storageFull
}

extension StoreError: RPCErrorConvertible {
    /// NOT_FOUND or INVALID_ARGUMENT, with the messages handlers used before.
    public var rpcError: RPCError {
        switch self {
        case .notFound(let kind, let id): RPCError.notFound(kind, id)
        case .absent(let message): RPCError(.notFound, message)
        case .missing(let field): RPCError.invalidArgument(field: field, "must be set")
        case .storageFull:
            RPCError(.resourceExhausted, "storage full: the service's disk has no space left; nothing was written")
        }
    }
}

extension Optional {
    /// The value a checked command carries for `field`.
    /// - Throws: `StoreError.missing(field)` when unset, instead of crashing.
    public func stored(_ field: String) throws(StoreError) -> Wrapped {
        guard let self else { throw StoreError.missing(field) }
        return self
    }
}
