/// The layout of a read model snapshot file:
///
/// - 8 bytes magic "GLMSNAP1", then the format version (UInt32) and the layout of
///   the sections as `ReadModelState+Snapshot` writes them: little-endian integers,
///   strings as a UInt32 byte count and UTF-8, facts per day bucket as columns (all
///   times, then each attribute, ...).
/// - 8 bytes: `Checksum64` of everything before it, block by block.
///
/// A file of another version, a short file, or one whose checksum does not match
/// is not loaded: the worker rebuilds from the events instead.
enum SnapshotFormat {
    static let magic: [UInt8] = Array("GLMSNAP1".utf8)
    /// Raise when the layout changes: older files are then ignored (a full rebuild).
    static let version: UInt32 = 1
    /// The unit of the checksum.
    static let blockSize = 1 << 20
    /// Written after the last section, so a file cut short cannot pass as whole.
    static let endMarker: UInt32 = 0x454E_4421
}

/// Why a snapshot was not written or not loaded.
package struct SnapshotError: Error, CustomStringConvertible, Sendable {
    package let description: String

    init(_ description: String) { self.description = description }
}
