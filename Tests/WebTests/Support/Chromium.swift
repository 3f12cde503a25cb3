import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: commands on fd 3, answers on fd 4, each a JSON text
/// ended by NUL). Blocking and bounded: every wait has a deadline. Use it from a
/// dedicated thread (`Chromium.session`), not from the concurrency pool.
final class Chromium {
    enum Failure: Error, CustomStringConvertible {
        case spawn(Int32), closed, timeout(String), protocolError(String)
        var description: String {
            switch self {
            case .spawn(let code): "chromium did not start (posix_spawn \(code))"
            case .closed: "chromium closed the pipe"
            case .timeout(let what): "chromium: timed out waiting for \(what)"
            case .protocolError(let message): "chromium: \(message)"
            }
        }
    }

    /// The browser, from `CHROMIUM` or the PATH; nil when not installed.
    static func find() -> String? {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"],
            FileManager.default.isExecutableFile(atPath: path)
        {
            return path
        }
        let directories =
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") + ["/usr/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    private let profile: URL
    var session: String?

    init(path: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-chromium-\(UUID().uuidString)")
        var toChrome: [Int32] = [0, 0], fromChrome: [Int32] = [0, 0]
        guard pipe(&toChrome) == 0, pipe(&fromChrome) == 0 else { throw Failure.spawn(errno) }
        // Only the dup2'd copies (fds 3 and 4) may reach the browser.
        for fd in toChrome + fromChrome { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChrome[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromChrome[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            path, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "about:blank",
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, environ)
        Glibc.close(toChrome[0])
        Glibc.close(fromChrome[1])
        guard status == 0 else {
            Glibc.close(toChrome[1])
            Glibc.close(fromChrome[0])
            throw Failure.spawn(status)
        }
        self.pid = pid
        commands = toChrome[1]
        answers = fromChrome[0]
    }

    /// Sends `method` and waits (at most `timeout`) for its result.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], timeout: TimeInterval = 15) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session, !method.hasPrefix("Target.") { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(commands, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { throw Failure.closed }
                offset += written
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try readMessage(until: deadline, what: method)
            guard reply["id"] as? Int == id else { continue }  // events and other answers
            if let error = reply["error"] as? [String: Any] { throw Failure.protocolError("\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(until deadline: Date, what: String) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: Data(message))) as? [String: Any] ?? [:]
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.timeout(what) }
            var poll = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, Int32(min(remaining, 1) * 1000)) >= 0 else { throw Failure.closed }
            guard poll.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(answers, &chunk, chunk.count)
            guard count > 0 else { throw Failure.closed }
            buffer += chunk[..<count]
        }
    }

    /// Ends the browser and removes its profile.
    func close() {
        _ = try? send("Browser.close", timeout: 3)
        Glibc.close(commands)
        Glibc.close(answers)
        var status: Int32 = 0
        for _ in 0..<50 where waitpid(pid, &status, WNOHANG) == 0 { usleep(100_000) }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: profile)
    }
}
