import ArgumentParser
import Foundation
import ServiceKit

/// `glimlach restore`: puts a backup's files back into a stopped stack's data directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup's files back into the data directory of a stopped stack.",
        discussion: """
            Checks the whole backup first (every file's SHA-256 against the manifest, every \
            database with SQLite's integrity check) and refuses, changing nothing, when a file is \
            missing or damaged, or when a service still has its database open: stop the stack \
            first. Replacing data that is there needs --yes. Each file is written beside its \
            place, flushed to disk and renamed over it. Analytics workers rebuild their figures \
            from the restored services when they start. See docs/operating.md.
              glimlach restore --from backups/2026-12-06 --data-dir data --yes
            """)

    static let partialSuffix = ".restoring"

    @Option(help: "The backup folder (made by `glimlach backup`).") var from: String
    @Option(help: "The data directory of the stopped stack.") var dataDir = "data"
    @Flag(help: "Replace the data that is there (required when there is any).") var yes = false

    func run() async throws {
        let backup = URL(fileURLWithPath: from)
        let data = URL(fileURLWithPath: dataDir)
        do {
            let manifest = try BackupManifest.read(from: backup)
            try manifest.verify(in: backup)
            let targets = manifest.files.map { data.appendingPathComponent($0.path) }
            let databases = manifest.files.filter { $0.database != nil }.map { data.appendingPathComponent($0.path) }
            if let busy = databases.first(where: { DatabaseBackup.isInUse($0.path) }) {
                throw BackupError("\(busy.path) is open in a running process; stop the stack first")
            }
            let existing = targets.filter { FileManager.default.fileExists(atPath: $0.path) }
            guard existing.isEmpty || yes else {
                throw BackupError(
                    "\(data.path) holds data (\(existing.count) of the backup's files); pass --yes to replace it")
            }
            for entry in manifest.files {
                try Self.put(backup.appendingPathComponent(entry.path), at: data.appendingPathComponent(entry.path))
            }
            print(
                "restored \(manifest.files.count) files of the backup of \(manifest.createdAt) into \(data.path)\n"
                    + manifest.table)
        } catch let error as BackupError {
            printError("restore: \(error)")
            throw ExitCode(1)
        }
    }

    /// Writes `source` beside `target`, flushes it, drops the old database's
    /// write-ahead log and shared memory, and renames it over `target`.
    static func put(_ source: URL, at target: URL) throws {
        let folder = target.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(target.lastPathComponent + partialSuffix)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: partial)
            try FileManager.default.copyItem(at: source, to: partial)
            try FileSync.file(partial)
            for suffix in ["-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: target.path + suffix)
            }
            guard rename(partial.path, target.path) == 0 else {
                throw BackupError("\(target.path): cannot put the restored file in place (errno \(errno))")
            }
            try FileSync.file(folder)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("\(target.path): \(error)")
        }
    }
}
