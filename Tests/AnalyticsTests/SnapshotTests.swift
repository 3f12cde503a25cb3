@testable import AnalyticsCore
import Bus
import Contract
import Foundation
import Testing

@Suite("read model snapshots")
struct SnapshotTests {
    let generated = GeneratedEvents(seed: 31)

    /// A fresh directory for one test's snapshot.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Each source's first `share` of events, and the rest.
    func split(_ share: Double) -> (before: [Event], after: [Event]) {
        var before: [Event] = []
        var after: [Event] = []
        for source in ReadModelState.sources {
            let events = generated.events[source]!
            let cut = Int(Double(events.count) * share)
            before += events[..<cut]
            after += events[cut...]
        }
        return (before, after)
    }

    func rebuilt() -> AnalyticsReadModel {
        let model = AnalyticsReadModel()
        for event in generated.all { model.apply(event) }
        model.markReady()
        return model
    }

    /// A model fed `events`, written to a snapshot in a new directory.
    func snapshot(of events: [Event]) throws -> SnapshotFile {
        let model = AnalyticsReadModel()
        for event in events { model.apply(event) }
        let file = SnapshotFile(directory: try Self.directory().path)
        _ = try model.saveSnapshot(to: file)
        return file
    }

    @Test("a worker restarted from a snapshot answers as one rebuilt from the feeds, events after it included")
    func restartMatchesRebuild() throws {
        let (before, after) = split(0.6)
        let file = try snapshot(of: before)
        let restarted = AnalyticsReadModel(state: try #require(try file.load()))
        #expect(restarted.positions == AnalyticsReadModel(state: try #require(try file.load())).positions)
        for event in after { restarted.apply(event) }
        restarted.markReady()
        let expected = try AllFigures.of(rebuilt())
        #expect(try AllFigures.of(restarted) == expected)
        #expect(restarted.positions == rebuilt().positions)
    }

    @Test("events a snapshot already holds are not applied again: counts do not double")
    func noEventTwice() throws {
        let (before, _) = split(0.5)
        let file = try snapshot(of: before)
        let restarted = AnalyticsReadModel(state: try #require(try file.load()))
        // A feed that started from sequence 0 would hand over every event again.
        for event in generated.all { restarted.apply(event) }
        restarted.markReady()
        #expect(try AllFigures.of(restarted) == AllFigures.of(rebuilt()))
    }

    @Test("a snapshot holds every fact: all of the month's figures come back unchanged")
    func roundTrip() throws {
        let file = try snapshot(of: generated.all)
        let loaded = AnalyticsReadModel(state: try #require(try file.load()))
        loaded.markReady()
        let figures = try AllFigures.of(loaded)
        #expect(figures == (try AllFigures.of(rebuilt())))
        #expect(figures.contains { $0.contains("promoters") })
    }

    static let damages: [String] = ["a flipped byte", "cut short", "another format version", "not a snapshot"]

    @Test(
        "a damaged snapshot is ignored with its reason, and the rebuild answers the right figures", arguments: damages)
    func damagedSnapshot(damage: String) async throws {
        let file = try snapshot(of: generated.all)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
        switch damage {
        case "a flipped byte": bytes[bytes.count / 2] ^= 0x10
        case "cut short": bytes.removeLast(bytes.count / 3)
        case "another format version": bytes[8] &+= 1
        default: bytes = Array("{\"positions\": {}}".utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: SnapshotError.self) { try file.load() }

        let unusedClient = BusClient(endpoint: "tcp://127.0.0.1:9", logger: .init(label: "test"))
        let (state, outcome) = try await WorkerStart.initialState(file: file, client: unusedClient)
        await unusedClient.close()
        guard case .ignored(let reason) = outcome else {
            Issue.record("outcome \(outcome)")
            return
        }
        #expect(reason.hasPrefix(file.path), "\(reason)")
        let model = AnalyticsReadModel(state: state)
        #expect(model.positions.isEmpty)
        for event in generated.all { model.apply(event) }
        model.markReady()
        #expect(try AllFigures.of(model) == AllFigures.of(rebuilt()))
    }

    @Test("no snapshot file means a full rebuild, not an error")
    func missingSnapshot() async throws {
        let file = SnapshotFile(directory: try Self.directory().path)
        #expect(try file.load() == nil)
        let client = BusClient(endpoint: "tcp://127.0.0.1:9", logger: .init(label: "test"))
        let (_, outcome) = try await WorkerStart.initialState(file: file, client: client)
        await client.close()
        #expect(outcome == .none)
    }

    @Test("a worker's start deletes temporary files abandoned over an hour ago, not younger ones")
    func abandonedTemporaryFiles() async throws {
        let file = SnapshotFile(directory: try Self.directory().path)
        let abandoned = file.path + ".tmp-4242-1"
        let current = file.path + ".tmp-4343-2"
        for path in [abandoned, current] { FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])) }
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: abandoned)
        let client = BusClient(endpoint: "tcp://127.0.0.1:9", logger: .init(label: "test"))
        _ = try await WorkerStart.initialState(file: file, client: client)
        await client.close()
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: current))
    }

    @Test("a new snapshot replaces the last one whole, leaving no temporary file behind")
    func atomicReplace() throws {
        let (before, _) = split(0.3)
        let file = try snapshot(of: before)
        let full = AnalyticsReadModel()
        for event in generated.all { full.apply(event) }
        _ = try full.saveSnapshot(to: file)
        let directory = URL(fileURLWithPath: file.path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [SnapshotFile.fileName])
        #expect(AnalyticsReadModel(state: try #require(try file.load())).positions == full.positions)
    }
}
