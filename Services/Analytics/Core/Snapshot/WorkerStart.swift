import Bus

/// Where an analytics worker starts: the state of its snapshot when there is a
/// usable one, else an empty state (a full rebuild from the events).
///
/// A snapshot is used only when it loads whole (format version, checksum, layout)
/// and every source still has, at the snapshot's position, the very event the
/// snapshot last applied (same time, type and payload): a source whose database was
/// replaced or restored from an older backup has another history, and catching up
/// from the snapshot's positions would then skip or misread events.
package enum WorkerStart {
    /// What happened to the snapshot, for the log.
    package enum Outcome: Equatable, Sendable {
        /// No snapshot file: a full rebuild.
        case none
        /// Loaded; the feeds continue from its positions.
        case loaded(positions: [String: UInt64])
        /// Not used, and why: a full rebuild.
        case ignored(String)
    }

    /// The state to start from and what happened to the snapshot.
    /// - Parameters:
    ///   - file: the worker's snapshot; nil when snapshots are off.
    ///   - client: asks the sources whether the snapshot's last events are theirs.
    /// - Throws: `CancellationError` when cancelled while a source does not answer yet.
    package static func initialState(file: SnapshotFile?, client: any RPCClient) async throws -> (
        ReadModelState, Outcome
    ) {
        guard let file else { return (ReadModelState(), .none) }
        file.removeAbandonedTemporaryFiles()
        let loaded: ReadModelState
        do {
            guard let state = try file.load() else { return (ReadModelState(), .none) }
            loaded = state
        } catch {
            return (ReadModelState(), .ignored(error.description))
        }
        for source in ReadModelState.sources {
            if let mismatch = try await mismatch(source, in: loaded, client: client) {
                return (ReadModelState(), .ignored(mismatch))
            }
        }
        return (loaded, .loaded(positions: loaded.positions))
    }

    /// Why `source`'s history does not continue `state`, or nil when it does.
    static func mismatch(_ source: String, in state: ReadModelState, client: any RPCClient) async throws
        -> String?
    {
        let position = state.positions[source] ?? 0
        guard position > 0 else { return nil }
        let since = Method<SinceRequest, SinceReply>(service: source, name: "Since", idempotent: true)
        var pause = Duration.milliseconds(100)
        let page: SinceReply
        while true {
            do {
                page = try await client.call(since, SinceRequest(after_sequence: position - 1, limit: 1))
                break
            } catch {
                try Task.checkCancellation()
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
        guard let event = page.events.first, event.sequence == position else {
            return "\(source) has no event \(position) (its last is \(page.last_sequence)): another history"
        }
        guard ReadModelState.digest(event) == state.lastEventDigest[source] else {
            return "\(source)'s event \(position) is not the one the snapshot applied: another history"
        }
        return nil
    }
}
