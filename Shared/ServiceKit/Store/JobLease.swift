import Foundation

/// Who runs a job that must run once per service (the SLA scheduler, deliveries)
/// when several processes serve it from one PostgreSQL database: the holder of the
/// job's lease (an SQLite database has one process, which holds them all). A process
/// renews its lease while it runs the job; when it dies, the lease expires and
/// another process takes it on its next try, or at once when the dead holder ran on
/// the same host (a process restarted after kill -9 need not wait out its own lease).
enum JobLease {
    static let schema = """
        CREATE TABLE job_lease (job TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at_ms BIGINT NOT NULL)
        """

    /// Takes `job`'s lease for `holder` until `seconds` after `now` when it is free,
    /// expired or already `holder`'s, or its holder is a process of this host that
    /// no longer runs; each a single statement, so two processes trying at once
    /// cannot both succeed.
    /// - Returns: whether `holder` holds it now.
    static func hold(_ job: String, holder: String, seconds: Int, now: Date, in session: any SQLSession) throws
        -> Bool
    {
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let expiresAtMs = nowMs + Int64(seconds) * 1000
        try session.execute(
            """
            INSERT INTO job_lease (job, holder, expires_at_ms) VALUES (?, ?, ?)
            ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
            WHERE job_lease.holder = excluded.holder OR job_lease.expires_at_ms < ?
            """, job, holder, expiresAtMs, nowMs)
        let current = try session.value(String.self, "SELECT holder FROM job_lease WHERE job = ?", [.text(job)])
        guard let current, current != holder else { return current == holder }
        guard ProcessIdentity.isGone(current) else { return false }
        try session.execute(
            "UPDATE job_lease SET holder = ?, expires_at_ms = ? WHERE job = ? AND holder = ?",
            holder, expiresAtMs, job, current)
        return try session.value(String.self, "SELECT holder FROM job_lease WHERE job = ?", [.text(job)]) == holder
    }
}

/// This process among the service's processes: its host, process id and a random
/// part (a restarted process with a recycled pid is someone else).
public enum ProcessIdentity {
    public static let current = "\(host)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"

    private static let host = ProcessInfo.processInfo.hostName

    /// Whether `identity` names a process of this host that no longer runs (the
    /// kernel knows no such pid). A pid reused since, or another host, counts as
    /// running: its lease then runs out on its own.
    static func isGone(_ identity: String) -> Bool {
        let parts = identity.split(separator: "/")
        guard parts.count == 3, parts[0] == host, let pid = Int32(parts[1]),
            pid > 0, pid != ProcessInfo.processInfo.processIdentifier
        else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
