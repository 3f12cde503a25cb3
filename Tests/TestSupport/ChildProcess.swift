import Foundation
import Stack
import ZeroMQ

/// A built executable of this package run as a child process, killed at the end.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    public let name: String

    /// - Parameters:
    ///   - product: an executable of this package (`bus`, `bus-test-worker`).
    public init(_ product: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        name = product
        process.executableURL = Self.binDirectory.appendingPathComponent(product)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        if ProcessInfo.processInfo.environment["GLIMLACH_TEST_CHILD_LOGS"] == nil {
            process.standardError = FileHandle.nullDevice
        }
        try ProcessLaunch.run(process)
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// SIGKILL: no cleanup, no goodbye to the broker.
    public func kill() async {
        Glibc.kill(pid, SIGKILL)
        await waitForExit()
    }

    /// SIGTERM: graceful shutdown.
    public func terminate() async {
        process.terminate()
        await waitForExit()
    }

    public func waitForExit() async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    deinit {
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
    }

    /// Where `swift build` put this package's executables: beside the test bundle.
    public static let binDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["GLIMLACH_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()
}

/// A loopback TCP endpoint on a port that is free right now.
public func freeEndpoint() throws -> String {
    let context = ZMQContext()
    defer { context.terminate() }
    // Below the kernel's ephemeral range (32768+): an outgoing connection never takes
    // such a port between this check and the process that binds it.
    var lastError: (any Error)?
    for _ in 0..<50 {
        let endpoint = "tcp://127.0.0.1:\(Int.random(in: 10_000...30_000))"
        let socket = try ZMQSocket(context, type: .router)
        defer { socket.close() }
        do {
            try socket.bind(endpoint)
            return endpoint
        } catch {
            lastError = error
        }
    }
    throw lastError!
}

/// A loopback TCP port that is free right now (see `freeEndpoint()`).
public func freePort() throws -> Int {
    let endpoint = try freeEndpoint()
    return Int(endpoint[endpoint.index(after: endpoint.lastIndex(of: ":")!)...])!
}
