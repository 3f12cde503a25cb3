import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The directory a process keeps its data in (`--data-dir`, GLIMLACH_DATA_DIR).
public enum DataDirectory {
    /// Creates `path` and any missing parents, then checks that this process may
    /// create files there, so a bad directory fails at start with its path and the
    /// reason instead of as an SQLite error on first use.
    /// - Throws: `DataDirectoryError`, e.g. "data directory /srv/x/data: cannot
    ///   create it: /srv/x is a file, not a directory".
    public static func prepare(_ path: String) throws(DataDirectoryError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DataDirectoryError(path: path, reason: "it is a file, not a directory")
            }
        } else {
            try create(path)
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw DataDirectoryError(path: path, reason: "cannot write there: \(describe(errno))")
        }
    }

    /// `mkdir -p`, naming the step that failed.
    private static func create(_ path: String) throws(DataDirectoryError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            let parent = current.isEmpty ? "/" : current
            current += "/" + component
            guard mkdir(current, 0o755) != 0 else { continue }
            let code = errno
            var isDirectory: ObjCBool = false
            if code == EEXIST, FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                continue
            }
            let reason =
                switch code {
                case EEXIST: "cannot create it: \(current) is a file, not a directory"
                case ENOTDIR: "cannot create it: \(parent) is a file, not a directory"
                default: "cannot create \(current): \(describe(code))"
                }
            throw DataDirectoryError(path: path, reason: reason)
        }
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}

/// A data directory that cannot be used: its path and why.
public struct DataDirectoryError: Error, CustomStringConvertible, Sendable {
    /// The directory as configured.
    public let path: String
    /// Why, e.g. "cannot write there: read-only file system".
    public let reason: String

    public var description: String { "data directory \(path): \(reason) (set --data-dir or GLIMLACH_DATA_DIR)" }
}
