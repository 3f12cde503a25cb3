extension AnalyticsReadModel {
    /// Writes the current state to `file` (atomically) and returns its size and the
    /// positions it reflects. Blocks for as long as writing takes (about a second
    /// per few million facts): call it off the cooperative threads. Queries and
    /// events go on meanwhile.
    /// - Throws: `SnapshotError`; the previous snapshot then stays.
    package func saveSnapshot(to file: SnapshotFile) throws(SnapshotError) -> (bytes: Int, positions: [String: UInt64])
    {
        let state = copyState()
        return (try file.save(state), state.positions)
    }
}
