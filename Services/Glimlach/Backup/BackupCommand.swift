import ArgumentParser
import Foundation
import ServiceKit

/// `glimlach backup`: a copy of every service's data taken while the stack serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy every service's data into a new backup folder while the stack serves.",
        discussion: """
            Each SQLite database under --data-dir is copied with SQLite's online backup API: the \
            copy is the database as of one moment, and the service goes on answering and writing \
            meanwhile. The web's configuration files are copied as they are; keys/ is not (a keyed \
            stack makes new keys at every start), nor postgres/ (glimlach up --postgres: save its \
            databases with pg_dump). A manifest.json lists every file with its SHA-256 \
            and, for a database, its newest event and schema. The folder appears only when the \
            backup is complete and on disk. See docs/operating.md.
              glimlach backup --data-dir data --to backups/2026-12-06
            """)

    @Option(help: "The data directory of the stack (as given to `glimlach up`).") var dataDir = "data"
    @Option(help: "The new backup folder (default: backups/glimlach-<UTC time>).") var to: String?

    func run() async throws {
        let data = URL(fileURLWithPath: dataDir)
        let target = URL(fileURLWithPath: to ?? "backups/glimlach-\(Self.stamp())")
        do {
            let manifest = try Self.backUp(data, to: target)
            print(Self.report(manifest, in: target))
        } catch let error as BackupError {
            printError("backup: \(error)")
            throw ExitCode(1)
        }
    }

    /// Copies the data directory's files into `target`, first into a folder beside it
    /// that is renamed when every file and the manifest are on disk.
    static func backUp(_ data: URL, to target: URL) throws -> BackupManifest {
        let inside = data.standardizedFileURL.path + "/"
        guard !target.standardizedFileURL.path.hasPrefix(inside) else {
            throw BackupError("\(target.path) is inside the data directory; put backups elsewhere")
        }
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw BackupError("\(target.path) exists already; name a new folder with --to")
        }
        let sources = try BackupSources.files(in: data)
        guard !sources.isEmpty else { throw BackupError("\(data.path): no data to back up (is --data-dir right?)") }
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        defer { try? FileManager.default.removeItem(at: partial) }
        var entries: [BackupManifest.Entry] = []
        for path in sources {
            let source = data.appendingPathComponent(path)
            let copy = partial.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            var database: DatabaseBackup.Contents?
            do {
                if DatabaseBackup.isDatabase(source) {
                    database = try DatabaseBackup.copy(from: source.path, to: copy.path)
                } else {
                    try FileManager.default.copyItem(at: source, to: copy)
                }
                try FileSync.file(copy)
            } catch let error as BackupError {
                throw error
            } catch {
                throw BackupError("\(path): \(error)")
            }
            let bytes = (try FileManager.default.attributesOfItem(atPath: copy.path)[.size] as? NSNumber)?.int64Value
            entries.append(
                .init(
                    path: path, bytes: bytes ?? 0, sha256: try BackupManifest.sha256(of: copy), database: database))
        }
        let manifest = BackupManifest(createdAt: ISO8601DateFormatter().string(from: Date()), files: entries)
        try manifest.write(to: partial)
        for folder in Set(entries.map { partial.appendingPathComponent($0.path).deletingLastPathComponent() }) {
            try FileSync.file(folder)
        }
        try FileSync.file(partial)
        try FileManager.default.moveItem(at: partial, to: target)
        try FileSync.file(target.deletingLastPathComponent())
        return manifest
    }

    static func report(_ manifest: BackupManifest, in folder: URL) -> String {
        "backed up \(manifest.files.count) files to \(folder.path)\n" + manifest.table
    }

    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
