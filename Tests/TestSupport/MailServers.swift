import Foundation
import Glibc

/// Real mail servers on loopback for tests: Dovecot (IMAP with STARTTLS, LMTP) and an
/// aiosmtpd submission server that requires STARTTLS and AUTH and delivers into
/// Dovecot, started by `scripts/mail-servers/mail-servers` in a temporary directory
/// (`scripts/bootstrap` installs them). The certificate is self-signed: trust
/// ``caFile``.
///
/// ```swift
/// try await MailServers.with { servers in
///     // servers.smtpURL, servers.imapURL, servers.caFile, servers.password(for:)
/// }
/// ```
public final class MailServers: @unchecked Sendable {
    /// The team's address.
    public static let support = "support@glimlach.example"
    /// A customer's address.
    public static let customer = "customer@example.com"
    /// Another customer's address.
    public static let otherCustomer = "other@example.com"
    /// The accounts every start makes (address: password).
    public static let defaultUsers = [
        support: "support-secret", customer: "customer-secret", otherCustomer: "other-secret",
    ]

    /// The servers' directory: config, certificate, mailboxes, logs.
    public let directory: URL
    /// `imap://127.0.0.1:port` (STARTTLS).
    public let imapURL: URL
    /// `smtp://127.0.0.1:port` (STARTTLS, AUTH PLAIN or LOGIN).
    public let smtpURL: URL
    /// The self-signed certificate (PEM) to trust.
    public let caFile: String
    /// The accounts: address and password.
    public let users: [String: String]
    private var stopped = false

    static var script: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("scripts/mail-servers/mail-servers")
    }

    struct StartFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts both servers (at most 30 s) with `users`; stops them again when they do
    /// not both answer in time.
    /// - Throws: `StartFailed` with the script's complaint (run `scripts/bootstrap`
    ///   when Dovecot or aiosmtpd is missing).
    public init(users: [String: String] = MailServers.defaultUsers) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try users.map { "\($0.key):\($0.value)\n" }.joined()
            .write(to: directory.appendingPathComponent("users"), atomically: true, encoding: .utf8)
        self.users = users
        let run = try await CommandRun.run(
            executable: Self.script, ["start", directory.path], timeout: .seconds(30))
        let env = (try? String(contentsOf: directory.appendingPathComponent("servers.env"), encoding: .utf8)) ?? ""
        var values: [String: String] = [:]
        for line in env.split(separator: "\n") {
            let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { values[pair[0]] = pair[1] }
        }
        guard run.status == 0, let imap = values["IMAP_PORT"], let smtp = values["SMTP_PORT"],
            let ca = values["CA_FILE"]
        else {
            _ = try? await CommandRun.run(executable: Self.script, ["stop", directory.path], timeout: .seconds(15))
            try? FileManager.default.removeItem(at: directory)
            throw StartFailed(description: "mail servers did not start (\(run.status)): \(run.errors)")
        }
        imapURL = URL(string: "imap://127.0.0.1:\(imap)")!
        smtpURL = URL(string: "smtp://127.0.0.1:\(smtp)")!
        caFile = ca
    }

    /// Starts the servers, runs `body` and stops them, also when `body` throws.
    public static func with<T>(
        users: [String: String] = MailServers.defaultUsers, _ body: (MailServers) async throws -> T
    ) async throws -> T {
        let servers = try await MailServers(users: users)
        do {
            let result = try await body(servers)
            await servers.stop()
            return result
        } catch {
            await servers.stop()
            throw error
        }
    }

    /// The password of `user`.
    public func password(for user: String) -> String { users[user] ?? "" }

    /// Stops both servers (at most 15 s) and removes their directory.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        _ = try? await CommandRun.run(executable: Self.script, ["stop", directory.path], timeout: .seconds(15))
        try? FileManager.default.removeItem(at: directory)
    }

    /// A test that forgot ``stop()``: kill both servers without waiting.
    deinit {
        guard !stopped else { return }
        for file in ["smtp.pid", "run/master.pid"] {
            let path = directory.appendingPathComponent(file)
            if let text = try? String(contentsOf: path, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                kill(pid, SIGKILL)
            }
        }
    }
}
