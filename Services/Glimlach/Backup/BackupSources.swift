import Foundation
import ServiceKit

/// The files of a data directory that a backup takes: every SQLite database (by
/// its header) and every other file the services keep there (the web's users and
/// session key). Not taken: write-ahead logs and shared-memory files (a database's
/// copy includes what they hold), files a restore left half-written, `keys/`,
/// which `glimlach up --secure` makes anew at every start, analytics' read model
/// snapshots, which a worker rebuilds from the services' events, and `postgres/`,
/// the cluster of `glimlach up --postgres`: a running server's files copied one by
/// one are no consistent cluster (its databases are saved with pg_dump).
enum BackupSources {
    static let skippedFolders: Set<String> = ["keys", "postgres"]
    static let skippedSuffixes = ["-wal", "-shm", "-journal", RestoreCommand.partialSuffix]

    /// Paths relative to `dataDirectory`, sorted.
    /// - Throws: `BackupError` when the directory cannot be read.
    static func files(in dataDirectory: URL) throws -> [String] {
        let root = dataDirectory.standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey])
        else { throw BackupError("\(root.path): cannot read the data directory") }
        var found: [String] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values.isDirectory == true, skippedFolders.contains(url.lastPathComponent) {
                walker.skipDescendants()
                continue
            }
            guard values.isRegularFile == true else { continue }
            let name = url.lastPathComponent
            if skippedSuffixes.contains(where: name.hasSuffix) || name.contains(".snapshot") { continue }
            found.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return found.sorted()
    }
}
