import Foundation

/// Who runs a job that must run once per service (the SLA scheduler, deliveries)
/// when several processes serve it from one PostgreSQL database: the holder of the
/// job's lease (an SQLite database has one process, which holds them all). A process
/// renews its lease while it runs the job; when it dies, the lease expires and
/// another process takes it on its next try.
enum JobLease {
    static let schema = """
        CREATE TABLE job_lease (job TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at_ms BIGINT NOT NULL)
        """

    /// Takes `job`'s lease for `holder` until `seconds` after `now` when it is free,
    /// expired or already `holder`'s; one statement, so two processes trying at
    /// once cannot both succeed.
    /// - Returns: whether `holder` holds it now.
    static func hold(_ job: String, holder: String, seconds: Int, now: Date, in session: any SQLSession) throws
        -> Bool
    {
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded())
        try session.execute(
            """
            INSERT INTO job_lease (job, holder, expires_at_ms) VALUES (?, ?, ?)
            ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
            WHERE job_lease.holder = excluded.holder OR job_lease.expires_at_ms < ?
            """, job, holder, nowMs + Int64(seconds) * 1000, nowMs)
        return try session.value(String.self, "SELECT holder FROM job_lease WHERE job = ?", [.text(job)]) == holder
    }
}

/// This process among the service's processes: its host, process id and a random
/// part (a restarted process with a recycled pid is someone else).
public enum ProcessIdentity {
    public static let current =
        "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"
}
