import Bus
import PostgresNIO

extension PostgresSession: CommitSession {
    /// The transaction-level advisory lock every write transaction takes first, so
    /// the processes of a service write one transaction at a time.
    static let writeLock: Int64 = 0x676C_7772_6974  // "glwrit"

    func transaction(_ body: () throws -> Void) throws {
        try begin("BEGIN")
        isInsideTransaction = true
        do {
            try execute("SELECT pg_advisory_xact_lock(?)", Self.writeLock)
            try body()
            isInsideTransaction = false
            try end("COMMIT")
        } catch {
            if isInsideTransaction {
                isInsideTransaction = false
                try? end("ROLLBACK")
            }
            throw error
        }
    }

    func savepoint(_ body: () throws -> Void) throws {
        try execute("SAVEPOINT write", [])
        do {
            try body()
            try execute("RELEASE SAVEPOINT write", [])
        } catch {
            // A lost connection took the transaction along: nothing to roll back to.
            guard isInsideTransaction else { throw error }
            do {
                try execute("ROLLBACK TO SAVEPOINT write", [])
                try execute("RELEASE SAVEPOINT write", [])
            } catch let broken {
                isInsideTransaction = false
                try? end("ROLLBACK")
                throw broken
            }
            throw error
        }
    }
}

/// A PostgreSQL error as the store's callers see it: the disk full as
/// `StoreError.storageFull`; a server that cannot be reached, is shutting down or
/// starting, has no connection left, or kept a lock too long as UNAVAILABLE (the
/// write was not made, or, lost during COMMIT, may have been: retry with the same
/// idempotency key); any other as INTERNAL with its SQLSTATE and message in the log.
enum PostgresFailure {
    static func translate(_ error: any Error) -> any Error {
        if let lost = error as? PostgresConnectionLost {
            return RPCError(.unavailable, "database: \(lost.reason); the write may not have been made")
        }
        guard let error = error as? PSQLError else { return error }
        guard let server = error.serverInfo, let state = server[.sqlState] else {
            return RPCError(.unavailable, "database unreachable (\(error.code)); the write may not have been made")
        }
        if state == "53100" { return StoreError.storageFull }
        if state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300", "55P03", "25P03"].contains(state) {
            return RPCError(.unavailable, "database unavailable (SQLSTATE \(state)): \(server[.message] ?? "")")
        }
        return PostgresServerError(state: state, message: server[.message] ?? "")
    }
}

/// A statement PostgreSQL refused, with what it said (postgres-nio's own
/// description of an error leaves both out).
struct PostgresServerError: Error, CustomStringConvertible {
    let state: String
    let message: String
    var description: String { "PostgreSQL error \(state): \(message)" }
}
