import Bus
import Contract
import Foundation
import Stack

/// Signing in to the demo: `glimlach up --demo` writes an operator, `demo`, with a
/// fresh password (bcrypt-hashed by `web hash-password`) to the users file the web
/// service reads, unless that file already exists; once the demo's people are in
/// staff, the director, HR, a team lead and an agent get the same password for their
/// work e-mail. It prints how to sign in.
struct DemoSignIn {
    /// What to print.
    let line: String
    /// The fresh password, when one was made.
    let password: String?

    /// The people who sign in with the demo's password: one of each role.
    static let people = ["Iris Mulder", "Bram de Boer", "Sanne de Vries", "Daan Bakker"]

    /// - Returns: nil when the stack has no web service.
    static func prepare(_ services: [NativeService], binDirectory: URL) throws -> DemoSignIn? {
        guard let web = services.first(where: { $0.service == "web" }), let path = web.environment["GLIMLACH_WEB_USERS"]
        else { return nil }
        let port = web.environment["GLIMLACH_WEB_PORT"] ?? "8080"
        let dashboard = "http://127.0.0.1:\(port)/dashboard"
        guard !FileManager.default.fileExists(atPath: path) else {
            return DemoSignIn(line: "dashboard: \(dashboard), sign in with a user of \(path)", password: nil)
        }
        let password = String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
        let line = try hash(password, binDirectory: binDirectory)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return DemoSignIn(
            line: "dashboard: \(dashboard), sign in as demo / \(password) (kept hashed in \(path)); "
                + "employees sign in with their work e-mail and the same password: "
                + people.map(DemoCast.email).joined(separator: ", "),
            password: password)
    }

    /// Gives `people` the demo's password, found by their work e-mail.
    func setPasswords(_ client: BusClient) async throws {
        guard let password else { return }
        for name in Self.people {
            let email = DemoCast.email(name)
            let found = try await client.call(Staff.listEmployees, Staff.ListEmployeesRequest(text: email)).employees
            guard let id = found.first(where: { $0.email == email })?.employee_id else { continue }
            _ = try await client.call(Staff.setPassword, Staff.SetPasswordRequest(employee_id: id, password: password))
        }
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
