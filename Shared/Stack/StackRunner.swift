import Bus
import Foundation
import Synchronization

/// Starts native services as child processes in start order, waits until each
/// serves, and stops them in reverse order (services before the bus).
public final class StackRunner: Sendable {
    /// Receives each line a process prints, with the process's name.
    public typealias LogSink = @Sendable (_ process: String, _ line: String) -> Void

    private let binDirectory: URL
    private let log: LogSink
    /// Every process started and not yet stopped or found exited.
    let running = Mutex<[(NativeService, Process)]>([])

    public init(binDirectory: URL, log: @escaping LogSink) {
        self.binDirectory = binDirectory
        self.log = log
    }

    /// Starts `service` and waits (at most `timeout`) until the bus lists one more
    /// worker for it, or, for the bus itself, until it answers.
    public func start(_ service: NativeService, client: BusClient, timeout: Duration = .seconds(30)) async throws {
        // Workers of its other processes; after a crash the bus may still list the
        // dead one for a few heartbeats, which must not count as the new one serving.
        let siblings = running.withLock { list in
            list.filter { $0.0.service == service.service && $0.1.isRunning }.count
        }
        let listed = service.service == "bus" ? 0 : (try? await workers(of: service.service, client)) ?? 0
        let before = min(listed, UInt32(siblings))
        let process = Process()
        let executable = binDirectory.appendingPathComponent(service.executable).path
        // Foundation starts each child in a process group of its own, so Ctrl-C in
        // the terminal reaches only `glimlach up`, which stops services before the bus.
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = service.arguments
        process.environment = Self.inherited.merging(service.environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let lines = LineSplitter(name: service.name, sink: log)
        pipe.fileHandleForReading.readabilityHandler = { handle in lines.feed(handle.availableData) }
        try ProcessLaunch.run(process)
        running.withLock { $0.append((service, process)) }
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            guard process.isRunning else {
                throw StackError("\(service.name) exited with status \(process.terminationStatus)")
            }
            if let url = service.healthURL {
                if await HTTPProbe.status(url, timeout: .milliseconds(300)) == 200 { return }
            } else if service.service == "bus" {
                if (try? await client.call(BusAPI.health, HealthRequest(), options: .init(timeout: .milliseconds(300))))
                    != nil
                {
                    return
                }
            } else if let count = try? await workers(of: service.service, client), count > before {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StackError("\(service.name) did not start serving within \(timeout)")
    }

    /// This process's environment without CURVE settings: a child's keys are only
    /// those its `NativeService` gives it (its own on a keyed stack), never the
    /// caller's, and never the bus's secret key.
    static var inherited: [String: String] {
        ProcessInfo.processInfo.environment.filter { !curveVariables.contains($0.key) }
    }

    static let curveVariables: Set<String> = ["GLIMLACH_CURVE_KEY", "GLIMLACH_BUS_PUBLIC_KEY", "GLIMLACH_ACCESS_LIST"]

    /// The processes started, by name, with their pids.
    public var processes: [(name: String, pid: Int32)] {
        running.withLock { $0.map { ($0.0.name, $0.1.processIdentifier) } }
    }

    /// Sends SIGKILL to the process called `name` (for fault tests) and forgets it.
    public func kill(_ name: String) async {
        guard
            let process = running.withLock({ list -> Process? in
                guard let index = list.firstIndex(where: { $0.0.name == name }) else { return nil }
                return list.remove(at: index).1
            })
        else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// SIGTERM to each process, newest first, waiting up to `grace` for each before SIGKILL.
    public func stopAll(grace: Duration = .seconds(10)) async {
        let all = running.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for (_, process) in all.reversed() where process.isRunning {
            process.terminate()
            let clock = ContinuousClock()
            let end = clock.now + grace
            while process.isRunning && clock.now < end { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        }
    }

    private func workers(of service: String, _ client: BusClient) async throws -> UInt32 {
        let reply = try await client.call(
            BusAPI.listServices, ListServicesRequest(), options: .init(timeout: .seconds(1)))
        return reply.services.first { $0.name == service }?.workers ?? 0
    }
}

/// Cuts a process's output into lines for the log sink.
private final class LineSplitter: Sendable {
    let name: String
    let sink: StackRunner.LogSink
    private let pending = Mutex<[UInt8]>([])

    init(name: String, sink: @escaping StackRunner.LogSink) {
        self.name = name
        self.sink = sink
    }

    func feed(_ data: Data) {
        let lines = pending.withLock { buffer -> [String] in
            buffer += data
            var lines: [String] = []
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
                buffer.removeSubrange(...newline)
            }
            return lines
        }
        for line in lines { sink(name, line) }
    }
}
