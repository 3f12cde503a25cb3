import Foundation
import Stack
import Synchronization

/// The tests' PostgreSQL: one private cluster per test process (``LocalPostgres``)
/// in a temporary directory on a free port, started on first use and stopped, its
/// directory removed, when the process exits. Each test takes a database of its own:
///
/// ```swift
/// let url = try await freshDatabase()  // postgres://glimlach@127.0.0.1:PORT/test_...
/// ```
public enum TestPostgres {
    /// The running cluster, started by the first call.
    /// - Throws: why it did not start, e.g. PostgreSQL is not installed (run
    ///   scripts/bootstrap); every later call throws the same.
    public static func server() async throws -> LocalPostgres { try await started.value }

    /// The URL of a new, empty database with a name no other call gets.
    public static func freshDatabase() async throws -> String {
        let server = try await server()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await server.createDatabase(name)
        return server.url(database: name)
    }

    private static let started = Task { try await start() }

    /// initdb and start in a new directory; another port when one is taken (three tries).
    private static func start() async throws -> LocalPostgres {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-postgres-\(UUID().uuidString)")
        atexit { stopAtExit() }
        var failure: (any Error)?
        for _ in 0..<3 {
            // Many tests, each with a pool of its own, share the one server. It is
            // thrown away at exit and never crashes under the tests (they kill the
            // services' processes, not it), so commits skip the flush to disk.
            let server = try LocalPostgres(
                directory: directory, port: try freePort(), settings: ["max_connections": "1000"], durable: false)
            running.withLock { $0 = server }
            do {
                try await server.start()
                return server
            } catch {
                failure = error
            }
        }
        throw failure!
    }
}

/// The URL of a new, empty database of the tests' PostgreSQL (``TestPostgres``).
public func freshDatabase() async throws -> String {
    try await TestPostgres.freshDatabase()
}

/// The cluster `stopAtExit` stops.
private let running = Mutex<LocalPostgres?>(nil)

/// Stops the tests' cluster and removes its directory (an exit handler).
private func stopAtExit() {
    guard let server = running.withLock({ $0 }) else { return }
    server.stopBlocking(grace: .seconds(10))
    try? FileManager.default.removeItem(at: server.directory)
}
