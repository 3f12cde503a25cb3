import Foundation

/// Starts child processes one at a time: Foundation's `Process.run()` on Linux is
/// not safe to call from several threads at once (seen as a crash in its memcpy
/// when tests start services in parallel), so every launch in this process takes
/// the same lock.
public enum ProcessLaunch {
    private static let lock = NSLock()

    /// - Throws: what `Process.run()` throws (no such executable, not permitted).
    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
