/// How a store's writes have been committed since it opened: with group commit,
/// `writes / commits` is the average number of writes that shared one fsync.
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions committed (each one fsync of the write-ahead log).
    public var commits = 0
    /// Writes acknowledged: committed, or answered from the idempotency ledger.
    public var writes = 0
    /// Writes that failed (their body threw, or their batch did not commit).
    public var failed = 0
    /// Writes queued right now behind the commit in progress.
    public var waiting = 0

    public init(commits: Int = 0, writes: Int = 0, failed: Int = 0, waiting: Int = 0) {
        self.commits = commits
        self.writes = writes
        self.failed = failed
        self.waiting = waiting
    }
}
