import Foundation
import Stack

/// A dashboard user for the demo: `glimlach up --demo` writes `demo` with a fresh
/// password (bcrypt-hashed by `web hash-password`) to the users file the web service
/// reads, unless that file already exists, and prints how to sign in.
enum DemoSignIn {
    /// - Returns: the sign-in line to print, or nil when the stack has no web service.
    static func prepare(_ services: [NativeService], binDirectory: URL) throws -> String? {
        guard let web = services.first(where: { $0.service == "web" }), let path = web.environment["GLIMLACH_WEB_USERS"]
        else { return nil }
        let port = web.environment["GLIMLACH_WEB_PORT"] ?? "8080"
        let dashboard = "http://127.0.0.1:\(port)/dashboard"
        guard !FileManager.default.fileExists(atPath: path) else {
            return "dashboard: \(dashboard), sign in with a user of \(path)"
        }
        let password = String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
        let line = try hash(password, binDirectory: binDirectory)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return "dashboard: \(dashboard), sign in as demo / \(password) (kept hashed in \(path))"
    }

    private static func hash(_ password: String, binDirectory: URL) throws -> String {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("web")
        process.arguments = ["hash-password", "demo"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try ProcessLaunch.run(process)
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, printed.hasPrefix("demo:") else {
            throw StackError("web hash-password failed (status \(process.terminationStatus))")
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
