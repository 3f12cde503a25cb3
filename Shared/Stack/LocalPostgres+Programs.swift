import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension LocalPostgres {
    /// The newest `VERSION/bin` under `root` that holds a `postgres` program
    /// (Debian's layout: /usr/lib/postgresql/15/bin).
    /// - Throws: `StackError` naming scripts/bootstrap when there is none.
    public static func installedBinDirectory(under root: URL = URL(fileURLWithPath: "/usr/lib/postgresql")) throws
        -> URL
    {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let installed = versions.compactMap { version -> (number: [Int], bin: URL)? in
            let number = version.split(separator: ".").compactMap { Int($0) }
            let bin = root.appendingPathComponent(version).appendingPathComponent("bin")
            guard !number.isEmpty,
                FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("postgres").path)
            else { return nil }
            return (number, bin)
        }
        guard let newest = installed.max(by: { $0.number.lexicographicallyPrecedes($1.number) }) else {
            throw StackError(
                "no PostgreSQL server in \(root.path)/*/bin; run scripts/bootstrap (it installs the postgresql package)"
            )
        }
        return newest.bin
    }

    /// `program` of the bin directory with `arguments`; through setpriv as `owner`
    /// when given (setpriv execs, so the process id is the program's).
    func command(_ program: String, _ arguments: [String], owner: ServerUser?) -> (URL, [String]) {
        let path = binDirectory.appendingPathComponent(program)
        guard let owner else { return (path, arguments) }
        return (
            URL(fileURLWithPath: "/usr/bin/setpriv"),
            ["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--clear-groups", "--", path.path] + arguments
        )
    }

    /// Runs `program` to its end (at most `timeout`, then SIGKILL): its exit status
    /// and what it printed on standard output and error. Clients connect over TCP
    /// with explicit settings; PG* variables of this process are not passed on.
    func run(_ program: String, _ arguments: [String], owner: ServerUser? = nil, timeout: Duration = .seconds(30))
        async throws -> (status: Int32, output: String)
    {
        let process = Process()
        let (executable, arguments) = command(program, arguments, owner: owner)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try ProcessLaunch.run(process)
        // Read on a thread of Dispatch's, so a blocking read holds no task-pool thread.
        let reader = pipe.fileHandleForReading
        async let printed = withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: reader.readDataToEndOfFile()) }
        }
        let end = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if !timedOut && ContinuousClock.now > end {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let output = String(decoding: await printed, as: UTF8.self)
        if timedOut { throw StackError("\(program) did not finish within \(timeout): \(output)") }
        return (process.terminationStatus, output)
    }
}

/// The user PostgreSQL runs as when this process is root: `postgres`.
struct ServerUser {
    let uid: uid_t
    let gid: gid_t

    /// nil when this process is not root (PostgreSQL then runs as this process's user).
    /// - Throws: `StackError` as root when there is no `postgres` user.
    static func forThisProcess() throws -> ServerUser? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam("postgres") else {
            throw StackError(
                "PostgreSQL refuses to run as root and there is no postgres user to run it as; run scripts/bootstrap")
        }
        return ServerUser(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }
}
