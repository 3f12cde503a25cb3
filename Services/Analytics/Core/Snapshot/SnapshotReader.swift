/// Reads a snapshot's sections from its bytes (the mapped file, checksum already
/// checked). Every read checks the bytes left and every count against them, so a
/// file that does not fit the layout is an error, never a crash or a huge allocation.
struct SnapshotReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws(SnapshotError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw SnapshotError("ends early: \(count) bytes wanted at offset \(offset), \(remaining) left")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func int<T: FixedWidthInteger>(_: T.Type = T.self) throws(SnapshotError) -> T {
        T(littleEndian: try take(MemoryLayout<T>.size).loadUnaligned(as: T.self))
    }

    mutating func bool() throws(SnapshotError) -> Bool { try int(UInt8.self) != 0 }

    /// A count of items of at least `size` bytes each, checked against the bytes left.
    mutating func count(itemSize size: Int = 1) throws(SnapshotError) -> Int {
        let count = Int(try int(UInt32.self))
        guard count <= remaining / max(size, 1) else {
            throw SnapshotError("a count of \(count) at offset \(offset - 4) exceeds the file")
        }
        return count
    }

    mutating func string() throws(SnapshotError) -> String {
        let length = try count()
        return String(decoding: try take(length), as: UTF8.self)
    }

    /// `count` little-endian integers written by `SnapshotWriter.column`.
    mutating func column<T: FixedWidthInteger>(_ count: Int, _: T.Type = T.self) throws(SnapshotError)
        -> ContiguousArray<T>
    {
        let size = MemoryLayout<T>.size
        guard count <= remaining / size else { throw SnapshotError("a column of \(count) exceeds the file") }
        let source = try take(count * size)
        return ContiguousArray(unsafeUninitializedCapacity: count) { slots, initialized in
            UnsafeMutableRawBufferPointer(slots).copyMemory(from: source)
            for index in 0..<count { slots[index] = T(littleEndian: slots[index]) }
            initialized = count
        }
    }

    /// `count` flags written by `SnapshotWriter.flags`.
    mutating func flags(_ count: Int) throws(SnapshotError) -> ContiguousArray<Bool> {
        let bytes = try column(count, UInt8.self)
        return ContiguousArray(bytes.lazy.map { $0 != 0 })
    }
}
