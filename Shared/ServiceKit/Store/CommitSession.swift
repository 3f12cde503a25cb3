import GRDB

/// The connection `GroupCommit` writes through: a session with one transaction at
/// a time and savepoints inside it.
protocol CommitSession: SQLSession {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction(_ body: () throws -> Void) throws
    /// Runs `body` in a savepoint: released when it returns; rolled back when it
    /// throws, and the error rethrown.
    func savepoint(_ body: () throws -> Void) throws
    /// Whether the transaction is still open (an error may have ended it).
    var isInsideTransaction: Bool { get }
}

extension Database: CommitSession {
    func transaction(_ body: () throws -> Void) throws {
        try inTransaction {
            try body()
            return .commit
        }
    }

    func savepoint(_ body: () throws -> Void) throws {
        try inSavepoint {
            try body()
            return .commit
        }
    }
}
