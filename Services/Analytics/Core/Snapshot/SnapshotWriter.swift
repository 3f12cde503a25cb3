import Glibc

/// Writes a snapshot file through a buffer of `SnapshotFormat.blockSize`, adding
/// each full block to the checksum as it goes out, so the file is never held in
/// memory whole. `finish()` appends the checksum and makes the file durable.
final class SnapshotWriter {
    private let descriptor: Int32
    private let path: String
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var checksum = Checksum64()
    private var failure: SnapshotError?

    /// Creates (or truncates) `path` for writing.
    /// - Throws: `SnapshotError` naming the path and the system's reason.
    init(path: String) throws(SnapshotError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SnapshotError("\(path): cannot create: \(SnapshotFile.describe(errno))") }
        self.path = path
        buffer = .allocate(byteCount: SnapshotFormat.blockSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    func bytes(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let take = min(bytes.count - offset, buffer.count - used)
            UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + take)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            used += take
            offset += take
            if used == buffer.count { flush() }
        }
    }

    func int<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes($0) }
    }

    func bool(_ value: Bool) { int(UInt8(value ? 1 : 0)) }

    func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            int(UInt32(utf8.count))
            bytes(UnsafeRawBufferPointer(utf8))
        }
    }

    /// One attribute of every element of `items`, as consecutive little-endian integers.
    func column<Item, T: FixedWidthInteger>(_ items: ContiguousArray<Item>, _ field: (Item) -> T) {
        let values = ContiguousArray<T>(unsafeUninitializedCapacity: items.count) { slots, initialized in
            for index in items.indices { slots.initializeElement(at: index, to: field(items[index]).littleEndian) }
            initialized = items.count
        }
        values.withUnsafeBytes { bytes($0) }
    }

    /// A flag of every element, one byte each.
    func flags<Item>(_ items: ContiguousArray<Item>, _ field: (Item) -> Bool) {
        column(items) { field($0) ? UInt8(1) : 0 }
    }

    /// Appends the checksum, then flushes and syncs the file.
    /// - Throws: `SnapshotError` when a write or the sync failed.
    func finish() throws(SnapshotError) {
        flush()
        let sum = checksum.value.littleEndian
        withUnsafeBytes(of: sum) { write($0) }
        if let failure { throw failure }
        guard fsync(descriptor) == 0 else { throw SnapshotError("\(path): fsync: \(SnapshotFile.describe(errno))") }
    }

    private func flush() {
        guard used > 0 else { return }
        let block = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        checksum.add(block)
        write(block)
        used = 0
    }

    private func write(_ block: UnsafeRawBufferPointer) {
        guard failure == nil, var base = block.baseAddress else { return }
        var left = block.count
        while left > 0 {
            let written = Glibc.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                failure = SnapshotError("\(path): write: \(SnapshotFile.describe(errno))")
                return
            }
            left -= written
            base += written
        }
    }
}
