import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL cluster for one stack or one test process: its data in
/// `directory`, a server on 127.0.0.1:`port` with its unix socket in that directory
/// (not /var/run), and the superuser `glimlach`, trusted on loopback only.
/// `start()` makes the cluster on first use (initdb) and runs `postgres` as a child
/// process; `stop()` shuts it down. PostgreSQL refuses to run as root: as root,
/// initdb and postgres run as the `postgres` user, which then owns the directory.
///
/// ```swift
/// let postgres = try LocalPostgres(directory: data.appendingPathComponent("postgres"), port: 5570)
/// try await postgres.start()
/// try await postgres.createDatabase("tickets")
/// let url = postgres.url(database: "tickets")  // postgres://glimlach@127.0.0.1:5570/tickets
/// await postgres.stop()
/// ```
public final class LocalPostgres: Sendable {
    /// The cluster's superuser, the user of every URL.
    public static let superuser = "glimlach"
    /// The cluster's data directory (PGDATA).
    public let directory: URL
    public let port: Int
    /// Where initdb, postgres, createdb and psql are.
    public let binDirectory: URL
    /// Server settings beyond the fixed ones, e.g. `["max_connections": "300"]`.
    public let settings: [String: String]
    /// Whether a commit waits for its flush to disk (the default). Only a
    /// throwaway server, such as the tests', runs without: it never outlives a
    /// crash of its machine, and its commits cost no fsync each.
    public let durable: Bool
    private let server = Mutex<Process?>(nil)

    /// - Parameters:
    ///   - directory: the data directory; created when missing.
    ///   - binDirectory: PostgreSQL's programs; default the newest installed
    ///     (`installedBinDirectory()`).
    ///   - settings: more server settings (`postgres -c NAME=VALUE`); they cannot
    ///     change the address, port, socket directory or durability.
    ///   - durable: false for a throwaway server only (see `durable`).
    /// - Throws: `StackError` when `binDirectory` is nil and no PostgreSQL is installed.
    public init(
        directory: URL, port: Int, binDirectory: URL? = nil, settings: [String: String] = [:], durable: Bool = true
    ) throws {
        self.directory = directory.standardizedFileURL
        self.port = port
        self.binDirectory = try binDirectory ?? Self.installedBinDirectory()
        self.settings = settings
        self.durable = durable
    }

    /// The server's log (`postgres.log` in the directory).
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }

    /// The server's process id while it runs.
    public var pid: Int32? { server.withLock { $0.flatMap { $0.isRunning ? $0.processIdentifier : nil } } }

    /// `postgres://glimlach@127.0.0.1:PORT/DATABASE`, the form of `GLIMLACH_DATABASE_URL`.
    public func url(database: String) -> String {
        "postgres://\(Self.superuser)@127.0.0.1:\(port)/\(database)"
    }

    /// Makes the cluster when the directory holds none, starts the server and waits
    /// (at most `timeout`) until it accepts connections. Does nothing while it runs.
    /// - Throws: `StackError` with initdb's output, or with the log's last lines
    ///   when the server exits or does not answer in time (then it is stopped).
    public func start(timeout: Duration = .seconds(30)) async throws {
        guard pid == nil else { return }
        let owner = try ServerUser.forThisProcess()
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("PG_VERSION").path) {
            try await initialize(owner: owner)
        }
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }
        try log.seekToEnd()
        let process = Process()
        let (executable, arguments) = command("postgres", serverArguments, owner: owner)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try ProcessLaunch.run(process)
        server.withLock { $0 = process }
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            guard process.isRunning else {
                server.withLock { $0 = nil }
                throw StackError("PostgreSQL in \(directory.path) exited at start:\n\(logTail())")
            }
            if isReady(process.processIdentifier) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        await stop()
        throw StackError("PostgreSQL in \(directory.path) did not accept connections within \(timeout):\n\(logTail())")
    }

    /// Whether the server `pid` says it accepts connections: postmaster.pid names it
    /// and ends in "ready" (as pg_ctl waits). A probe of the port could not tell it
    /// from another server already listening there.
    private func isReady(_ pid: Int32) -> Bool {
        let file = directory.appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 7 && Int32(lines[0]) == pid && lines[7].trimmingCharacters(in: .whitespaces) == "ready"
    }

    /// The server's settings: loopback only, durable commits unless told otherwise.
    private var serverArguments: [String] {
        // A unix socket path has at most 107 bytes; for a longer directory, TCP only.
        let socket = directory.path + "/.s.PGSQL.\(port)"
        let extra = settings.sorted { $0.key < $1.key }.flatMap { ["-c", "\($0.key)=\($0.value)"] }
        // The fixed settings come last: for a setting given twice, the last wins.
        return extra + [
            "-D", directory.path, "-c", "listen_addresses=127.0.0.1", "-c", "port=\(port)",
            "-c", "unix_socket_directories=\(socket.utf8.count < 108 ? directory.path : "")",
        ]
            + (durable
                ? ["-c", "fsync=on", "-c", "synchronous_commit=on"]
                : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"])
    }

    /// initdb: superuser `glimlach`, UTF8, trust for local and loopback connections.
    private func initialize(owner: ServerUser?) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let owner, chown(directory.path, owner.uid, owner.gid) != 0 {
            throw StackError("cannot give \(directory.path) to the postgres user: \(String(cString: strerror(errno)))")
        }
        let result = try await run(
            "initdb",
            [
                "-D", directory.path, "-U", Self.superuser, "-E", "UTF8", "--locale=C", "--auth-local=trust",
                "--auth-host=trust",
            ], owner: owner, timeout: .seconds(120))
        guard result.status == 0 else {
            throw StackError("initdb \(directory.path) failed (\(result.status)):\n\(result.output)")
        }
    }

    /// Creates database `name` unless it exists.
    /// - Throws: `StackError` when `name` is not a plain lower-case name (a-z, 0-9,
    ///   _, starting with a letter, at most 63 bytes) or createdb fails.
    public func createDatabase(_ name: String) async throws {
        guard name.utf8.count <= 63, name.first.map({ $0.isASCII && $0.isLetter && $0.isLowercase }) == true,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw StackError("database name '\(name)': use a-z, 0-9 and _, starting with a letter, at most 63")
        }
        let created = try await run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", Self.superuser, name])
        guard created.status != 0 else { return }
        // Another caller may have made it meanwhile; that is as good.
        let exists = try? await query("SELECT 1 FROM pg_database WHERE datname = '\(name)'")
        guard exists == "1" else {
            throw StackError("createdb \(name) failed (\(created.status)): \(created.output)")
        }
    }

    /// Runs `sql` with psql in `database` and returns the rows, one a line, fields
    /// separated by `|`, without headers.
    /// - Throws: `StackError` with psql's complaint.
    public func query(_ sql: String, database: String = "postgres") async throws -> String {
        let result = try await run(
            "psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url(database: database), "-c", sql])
        guard result.status == 0 else { throw StackError("psql \(database): \(result.output)") }
        return result.output.trimmingCharacters(in: .newlines)
    }

    /// Every row of `database` as `pg_dump --data-only` writes it (COPY text; byte
    /// columns in hex).
    /// - Throws: `StackError` with pg_dump's complaint.
    public func dump(database: String) async throws -> String {
        let result = try await run(
            "pg_dump", ["--data-only", "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.superuser, database],
            timeout: .seconds(120))
        guard result.status == 0 else { throw StackError("pg_dump \(database): \(result.output)") }
        return result.output
    }

    /// Fast shutdown (SIGINT: sessions end, a checkpoint is written), waiting at most
    /// `grace` for the server to exit, then immediate shutdown (SIGQUIT) and SIGKILL.
    public func stop(grace: Duration = .seconds(30)) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.stopBlocking(grace: grace)
                continuation.resume()
            }
        }
    }

    /// `stop(grace:)` for code that cannot await, such as an exit handler: blocks
    /// the calling thread until the server is gone.
    public func stopBlocking(grace: Duration = .seconds(30)) {
        guard let process = server.withLock({ $0.take() }) else { return }
        let steps: [(signal: Int32, wait: Duration)] = [
            (SIGINT, grace), (SIGQUIT, .seconds(5)), (SIGKILL, .seconds(5)),
        ]
        for (signal, wait) in steps {
            guard process.isRunning else { return }
            kill(process.processIdentifier, signal)
            let end = ContinuousClock.now + wait
            while process.isRunning && ContinuousClock.now < end { usleep(10_000) }
        }
    }

    /// The log's last lines, for errors.
    func logTail(_ count: Int = 20) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? "(no log at \(logFile.path))"
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
