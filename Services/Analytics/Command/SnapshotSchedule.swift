import AnalyticsCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Writes the worker's read model snapshot: once right after the start (when
/// catching up applied anything, e.g. a full rebuild), then every `interval` when
/// events arrived since the last one, and at a clean shutdown. Writing runs on a
/// thread of its own, so serving goes on meanwhile.
final class SnapshotSchedule: Service, Sendable {
    let model: AnalyticsReadModel
    let file: SnapshotFile
    let interval: Duration
    let logger: Logger
    /// The positions of the snapshot on disk (the loaded one at start).
    let saved: Mutex<[String: UInt64]>

    init(model: AnalyticsReadModel, file: SnapshotFile, interval: Duration, saved: [String: UInt64], logger: Logger) {
        self.model = model
        self.file = file
        self.interval = interval
        self.logger = logger
        self.saved = Mutex(saved)
    }

    func run() async throws {
        await saveIfChanged()
        try? await cancelWhenGracefulShutdown { [self] in
            while true {
                try await Task.sleep(for: interval)
                await saveIfChanged()
            }
        }
        await saveIfChanged()
    }

    /// Writes a snapshot unless the one on disk already reflects every applied event.
    func saveIfChanged() async {
        guard model.positions != saved.withLock({ $0 }) else { return }
        let started = ContinuousClock.now
        let outcome: Result<(bytes: Int, positions: [String: UInt64]), SnapshotError> = await withCheckedContinuation {
            continuation in
            let thread = Thread { [model, file] in
                do throws(SnapshotError) {
                    continuation.resume(returning: .success(try model.saveSnapshot(to: file)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.start()
        }
        switch outcome {
        case .success(let written):
            saved.withLock { $0 = written.positions }
            logger.info(
                "read model snapshot written",
                metadata: [
                    "path": "\(file.path)", "bytes": "\(written.bytes)", "positions": "\(written.positions)",
                    "seconds": "\(ContinuousClock.now - started)",
                ])
        case .failure(let error):
            logger.warning("read model snapshot not written", metadata: ["error": "\(error)"])
        }
    }
}
