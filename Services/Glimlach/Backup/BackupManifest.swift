import Crypto
import Foundation
import ServiceKit

/// `manifest.json` of a backup: every file it holds with its size and SHA-256, and
/// for each database the newest event and the schema it has.
struct BackupManifest: Codable {
    static let fileName = "manifest.json"

    struct Entry: Codable {
        /// Relative to the data directory, e.g. `tickets-data/tickets.sqlite`.
        var path: String
        var bytes: Int64
        var sha256: String
        /// Set for an SQLite database; nil for another file (the web's configuration).
        var database: DatabaseBackup.Contents?
    }

    var format = 1
    var createdAt: String
    var files: [Entry]

    /// Reads the manifest of the backup in `directory`.
    /// - Throws: `BackupError` naming the manifest when it is missing or unreadable.
    static func read(from directory: URL) throws -> BackupManifest {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw BackupError("\(url.path): no backup manifest here")
        }
        do {
            let manifest = try JSONDecoder().decode(BackupManifest.self, from: data)
            guard manifest.format == 1 else { throw BackupError("\(url.path): format \(manifest.format) is not known") }
            return manifest
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("\(url.path): unreadable (\(error))")
        }
    }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = directory.appendingPathComponent(Self.fileName)
        try encoder.encode(self).write(to: url)
        try FileSync.file(url)
    }

    /// Checks that every file of the backup in `directory` is there, whole and
    /// unchanged, and that every database passes SQLite's integrity check.
    /// - Throws: `BackupError` naming the first file that is not.
    func verify(in directory: URL) throws {
        for entry in files {
            let url = directory.appendingPathComponent(entry.path)
            guard let digest = try? Self.sha256(of: url) else {
                throw BackupError("\(entry.path): missing from the backup")
            }
            guard digest == entry.sha256 else {
                throw BackupError("\(entry.path): changed since the backup (SHA-256 differs)")
            }
            if entry.database != nil {
                do { _ = try DatabaseBackup.check(url.path) } catch { throw BackupError("\(entry.path): \(error)") }
            }
        }
    }

    /// Every file with its size and, for a database, its newest event, as a table.
    var table: String {
        GlimlachCLI.table(
            [["file", "bytes", "last event"]]
                + files.map { [$0.path, "\($0.bytes)", $0.database.map { "\($0.lastSequence)" } ?? "-"] })
    }

    /// The file's SHA-256 in lowercase hex, read a megabyte at a time.
    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// A backup or restore that cannot go on, with what to do about it.
struct BackupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
