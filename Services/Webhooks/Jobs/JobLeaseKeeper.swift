import Logging
import Synchronization

/// Keeps one job (POSTing deliveries) in one webhooks process when several share a
/// PostgreSQL database: `hold()` takes or renews the store's lease on the job, and
/// the job works only while it answers true. The job calls it on every pass and
/// before every item, so a process that stops renewing (dead, hung, cut off from
/// the database) loses the job once its lease expires, and another process takes
/// it on its next pass. On SQLite the one process always holds it.
final class JobLeaseKeeper<Store: WebhooksStore>: Sendable {
    let job: String
    let seconds: Int
    private let store: Store
    private let logger: Logger
    private let holding = Mutex(false)

    /// - Parameter seconds: how long the lease lasts unrenewed; longer than one
    ///   item can take, so a process busy with one keeps the job.
    init(job: String, seconds: Int, store: Store, logger: Logger) {
        self.job = job
        self.seconds = seconds
        self.store = store
        self.logger = logger
    }

    /// Whether this process holds the job's lease now (renewed for `seconds`); false
    /// when the store cannot say (logged), so the job waits rather than runs twice.
    func hold() async -> Bool {
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
