import Foundation
import HummingbirdBcrypt
import Logging

/// Operators who may open the dashboard without being an employee (employees sign
/// in with their staff account): names and bcrypt hashes, from a file with one
/// `name:hash` a line (`#` starts a comment). Create a line with
/// `echo 'secret' | web hash-password lisa`.
struct UserDirectory: Sendable {
    private let users: [String: String]

    init(users: [String: String]) { self.users = users }

    /// - Throws: when the file cannot be read or a line has no `:`.
    init(file: String) throws {
        var users: [String: String] = [:]
        for (number, raw) in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { throw FileError(line: number + 1) }
            users[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        self.users = users
    }

    struct FileError: Error, CustomStringConvertible {
        let line: Int
        var description: String { "users file line \(line): expected name:bcrypt-hash" }
    }

    var isEmpty: Bool { users.isEmpty }

    /// The users of `file`; none (with a warning) when no file is named or it does not
    /// exist yet, so the survey page serves even before anyone set up the dashboard.
    /// - Throws: when the file exists but cannot be read or parsed.
    static func load(_ file: String, logger: Logger) throws -> UserDirectory {
        guard !file.isEmpty, FileManager.default.fileExists(atPath: file) else {
            logger.warning(
                "no dashboard users (GLIMLACH_WEB_USERS\(file.isEmpty ? " unset" : ": \(file) not found")); see docs/web.md"
            )
            return UserDirectory(users: [:])
        }
        return try UserDirectory(file: file)
    }

    /// Whether `password` is `name`'s. Unknown names cost a bcrypt check too, so the
    /// answer's timing does not tell which names exist. Checked one at a time on a
    /// queue of its own: bcrypt holds a core for a good part of a second, which the
    /// task pool's pages must not wait for.
    func verify(name: String, password: String) async -> Bool {
        let hash = users[name]
        return await withCheckedContinuation { continuation in
            Self.hashing.async {
                guard let hash else {
                    _ = Bcrypt.verify(password, hash: Self.decoy)
                    return continuation.resume(returning: false)
                }
                continuation.resume(returning: Bcrypt.verify(password, hash: hash))
            }
        }
    }

    private static let hashing = DispatchQueue(label: "web.passwords")

    /// A hash of a random text, at the default cost.
    private static let decoy = Bcrypt.hash(randomToken(), cost: 12)
}
