import Foundation

/// fsync for files and folders, so that a backup or restore reported done is on disk.
enum FileSync {
    /// Flushes the file (or folder) at `url` to disk.
    /// - Throws: `BackupError` when it cannot be opened or flushed.
    static func file(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw BackupError("\(url.path): cannot open to flush (errno \(errno))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BackupError("\(url.path): flush failed (errno \(errno))") }
    }
}
