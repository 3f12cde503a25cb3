import Foundation
import Stack

/// One finished run of a built executable: exit code and what it printed.
public struct CommandRun: Sendable {
    public let status: Int32
    public let output: String
    public let errors: String

    /// Runs `product` with `arguments` and `environment` added, waiting at most `timeout`.
    public static func run(
        _ product: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil,
        timeout: Duration = .seconds(20)
    ) async throws -> CommandRun {
        try await run(
            executable: ChildProcess.binDirectory.appendingPathComponent(product), arguments,
            environment: environment, input: input, timeout: timeout)
    }

    /// Runs the program at `executable` (a script of the repository's) the same way.
    public static func run(
        executable: URL, _ arguments: [String], environment: [String: String] = [:], input: String? = nil,
        timeout: Duration = .seconds(20)
    ) async throws -> CommandRun {
        let product = executable.lastPathComponent
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try ProcessLaunch.run(process)
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read while it runs, so a full pipe never blocks the child.
        async let printed = readToEnd(output.fileHandleForReading)
        async let complained = readToEnd(errors.fileHandleForReading)
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while process.isRunning {
            if clock.now > end {
                process.terminate()
                throw TimeoutError(what: "\(product) \(arguments.joined(separator: " ")) to finish")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return CommandRun(
            status: process.terminationStatus, output: String(decoding: await printed, as: UTF8.self),
            errors: String(decoding: await complained, as: UTF8.self))
    }

    /// Everything `handle` gives until its end, read on a thread of Dispatch's: a
    /// blocking read on one of the task pool's few threads (two on two cores) would
    /// stall every other test of the process until the child exits.
    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }
}
