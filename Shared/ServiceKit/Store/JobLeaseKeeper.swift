import Logging
import Synchronization

/// A store that can say which process runs a job that must run once per service
/// (see `TransactionStore.holdLease`).
public protocol JobLeases: Sendable {
    /// Whether this process holds the lease on `job` for the next `seconds` (taken
    /// when free, expired or its holder gone, renewed when its own).
    func holdLease(_ job: String, seconds: Int) async throws -> Bool
}

/// Keeps one job (delivering replies, reading a mailbox, POSTing webhooks) in one
/// process of a service when several share a PostgreSQL database: `hold()` takes or
/// renews the store's lease on the job, and the job works only while it answers
/// true. The job calls it on every pass and before every item, so a process that
/// stops renewing (dead, hung, cut off from the database) loses the job once its
/// lease expires, and another process takes it on its next pass. On SQLite the one
/// process always holds it.
public final class JobLeaseKeeper: Sendable {
    public let job: String
    public let seconds: Int
    private let store: any JobLeases
    private let logger: Logger
    private let holding = Mutex(false)

    /// - Parameter seconds: how long the lease lasts unrenewed; longer than one
    ///   item can take, so a process busy with one keeps the job.
    public init(job: String, seconds: Int, store: any JobLeases, logger: Logger) {
        self.job = job
        self.seconds = seconds
        self.store = store
        self.logger = logger
    }

    /// Whether this process holds the job's lease now (renewed for `seconds`); false
    /// when the store cannot say (logged), so the job waits rather than runs twice.
    public func hold() async -> Bool {
        let held: Bool
        do { held = try await store.holdLease(job, seconds: seconds) } catch {
            logger.warning("cannot renew the job's lease", metadata: ["job": "\(job)", "error": "\(error)"])
            held = false
        }
        let changed = holding.withLock { holding in
            defer { holding = held }
            return holding != held
        }
        if changed {
            logger.info(held ? "job runs in this process" : "job runs elsewhere", metadata: ["job": "\(job)"])
        }
        return held
    }
}
