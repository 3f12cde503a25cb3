import Foundation
import Glibc

/// A worker's read model snapshot on disk: written whole to a file of its own,
/// synced, renamed over the last one and the directory synced, so the path always
/// holds one complete snapshot (several workers may share a directory: each writes
/// its own temporary file, and the last rename wins with a snapshot as good).
package struct SnapshotFile: Sendable {
    /// The snapshot's path, e.g. `data/analytics.snapshot`.
    package let path: String

    /// The file name in a worker's data directory.
    package static let fileName = "analytics.snapshot"

    /// - Parameter path: where the snapshot lives.
    package init(path: String) { self.path = path }

    /// `analytics.snapshot` in `directory`.
    package init(directory: String) {
        path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
    }

    /// Writes `state` atomically and durably.
    /// - Returns: the file's size in bytes.
    /// - Throws: `SnapshotError` when the file could not be written; the previous
    ///   snapshot is then untouched.
    @discardableResult
    package func save(_ state: ReadModelState) throws(SnapshotError) -> Int {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let writer = try SnapshotWriter(path: temporary)
            SnapshotFormat.magic.withUnsafeBytes { writer.bytes($0) }
            writer.int(SnapshotFormat.version)
            state.write(to: writer)
            try writer.finish()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = Self.describe(errno)
            unlink(temporary)
            throw SnapshotError("\(path): rename: \(reason)")
        }
        syncDirectory()
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// The state in the snapshot, or nil when there is none.
    /// - Throws: `SnapshotError` when the file is unreadable, of another format
    ///   version, cut short or corrupt (the checksum or the layout does not match).
    package func load() throws(SnapshotError) -> ReadModelState? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT { return nil }
        guard descriptor >= 0 else { throw SnapshotError("\(path): cannot open: \(Self.describe(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SnapshotError("\(path): fstat: \(Self.describe(errno))") }
        let size = Int(status.st_size)
        let header = SnapshotFormat.magic.count + 4
        guard size >= header + 8 else { throw SnapshotError("\(path): \(size) bytes, too short for a snapshot") }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw SnapshotError("\(path): mmap: \(Self.describe(errno))")
        }
        defer { munmap(mapped, size) }
        _ = madvise(mapped, size, MADV_SEQUENTIAL)
        let bytes = UnsafeRawBufferPointer(start: mapped, count: size)
        guard bytes.prefix(SnapshotFormat.magic.count).elementsEqual(SnapshotFormat.magic) else {
            throw SnapshotError("\(path): not a read model snapshot")
        }
        let version = UInt32(
            littleEndian: bytes.loadUnaligned(fromByteOffset: SnapshotFormat.magic.count, as: UInt32.self))
        guard version == SnapshotFormat.version else {
            throw SnapshotError("\(path): format version \(version), this worker reads \(SnapshotFormat.version)")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(size - 8)])
        var checksum = Checksum64()
        var offset = 0
        while offset < body.count {
            let end = min(offset + SnapshotFormat.blockSize, body.count)
            checksum.add(UnsafeRawBufferPointer(rebasing: body[offset..<end]))
            offset = end
        }
        let stored = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: size - 8, as: UInt64.self))
        guard stored == checksum.value else { throw SnapshotError("\(path): checksum does not match (corrupt)") }
        var reader = SnapshotReader(UnsafeRawBufferPointer(rebasing: body[header...]))
        do {
            return try ReadModelState(from: &reader)
        } catch {
            throw SnapshotError("\(path): \(error.description)")
        }
    }

    /// Deletes temporary files of writers that died mid-write (a crash, a full disk)
    /// and were last touched more than `age` ago; younger ones may be another
    /// worker's write in progress in a shared directory.
    /// - Returns: the paths deleted.
    @discardableResult
    package func removeAbandonedTemporaryFiles(olderThan age: Duration = .seconds(3600)) -> [String] {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let prefix =
            String(path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]) + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "/" : directory)
        else { return [] }
        let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
        var removed: [String] = []
        for entry in entries where entry.hasPrefix(prefix) {
            let candidate = directory + "/" + entry
            let modified = (try? FileManager.default.attributesOfItem(atPath: candidate))?[.modificationDate] as? Date
            if let modified, modified < cutoff, unlink(candidate) == 0 { removed.append(candidate) }
        }
        return removed
    }

    private func syncDirectory() {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}
