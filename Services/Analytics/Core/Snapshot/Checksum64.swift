/// A 64-bit checksum over bytes, eight at a time in four lanes (the rounds of
/// xxHash64), so a snapshot of hundreds of megabytes is checked in a fraction of a
/// second. A snapshot is checked block by block (`SnapshotFormat.blockSize`): the
/// writer and the reader see the same blocks, so the writer never holds the file.
struct Checksum64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private(set) var value: UInt64 = 0x2545_F491_4F6C_DD1D

    /// Adds one block.
    mutating func add(_ block: UnsafeRawBufferPointer) {
        value = Self.rotate(value ^ Self.hash(block), 27) &* Self.prime1 &+ Self.prime3
    }

    /// The hash of `bytes` alone (also an event's digest).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (prime1 &+ prime2, prime2, 0, 0 &- prime1)
        var offset = 0
        let count = bytes.count
        while offset + 32 <= count {
            lanes.0 = round(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = round(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = round(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = round(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        hash = hash &+ UInt64(count)
        while offset + 8 <= count {
            hash ^= round(0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = rotate(hash, 27) &* prime1 &+ prime3
            offset += 8
        }
        while offset < count {
            hash ^= UInt64(bytes[offset]) &* prime3
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        return hash ^ (hash >> 32)
    }

    private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
        rotate(lane &+ UInt64(littleEndian: input) &* prime2, 31) &* prime1
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}
