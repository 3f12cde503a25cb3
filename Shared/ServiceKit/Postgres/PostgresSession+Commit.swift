import Bus
import PostgresNIO

extension PostgresSession: CommitSession {
    /// The transaction-level advisory lock every write transaction takes first, so
    /// the processes of a service write one transaction at a time.
    static let writeLock: Int64 = 0x676C_7772_6974  // "glwrit"

    func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN", [])
        isInsideTransaction = true
        do {
            try execute("SELECT pg_advisory_xact_lock(?)", Self.writeLock)
            try body()
            isInsideTransaction = false
            try execute("COMMIT", [])
        } catch {
            if isInsideTransaction {
                isInsideTransaction = false
                try? execute("ROLLBACK", [])
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
            do {
                try execute("ROLLBACK TO SAVEPOINT write", [])
                try execute("RELEASE SAVEPOINT write", [])
            } catch let broken {
                isInsideTransaction = false
                try? execute("ROLLBACK", [])
                throw broken
            }
            throw error
        }
    }
}

/// A PostgreSQL error as the store's callers see it: the disk full as
/// `StoreError.storageFull`, a server that cannot be reached as UNAVAILABLE, the
/// rest as they are (INTERNAL).
enum PostgresFailure {
    static func translate(_ error: PSQLError) -> any Error {
        guard let server = error.serverInfo else {
            return RPCError(.unavailable, "database unreachable (\(error.code)); the write may not have been made")
        }
        if server[.sqlState] == "53100" { return StoreError.storageFull }
        return error
    }
}
