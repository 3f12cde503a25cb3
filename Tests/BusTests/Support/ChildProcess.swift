import Foundation
import ZeroMQ

/// A built executable of this package run as a child process, killed at the end.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    let name: String

    /// - Parameters:
    ///   - product: an executable of this package (`bus`, `bus-test-worker`).
    init(_ product: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        name = product
        process.executableURL = Self.binDirectory.appendingPathComponent(product)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        if ProcessInfo.processInfo.environment["GLIMLACH_TEST_CHILD_LOGS"] == nil {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// SIGKILL: no cleanup, no goodbye to the broker.
    func kill() async {
        Glibc.kill(pid, SIGKILL)
        await waitForExit()
    }

    /// SIGTERM: graceful shutdown.
    func terminate() async {
        process.terminate()
        await waitForExit()
    }

    func waitForExit() async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    deinit {
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
    }

    /// Where `swift build` put this package's executables: beside the test bundle.
    static let binDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["GLIMLACH_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()
}

/// A loopback TCP endpoint on a port that is free right now.
func freeEndpoint() throws -> String {
    let context = ZMQContext()
    defer { context.terminate() }
    let socket = try ZMQSocket(context, type: .router)
    defer { socket.close() }
    try socket.bind("tcp://127.0.0.1:*")
    return socket.lastEndpoint
}
