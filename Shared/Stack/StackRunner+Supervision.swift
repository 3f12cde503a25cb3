import Bus
import Foundation

extension StackRunner {
    /// How `supervise` spaces the restarts of one process: like compose, the wait
    /// doubles after each restart up to a ceiling, and starts over once the process
    /// has stayed up for a while.
    public struct Backoff: Sendable {
        /// The wait before the first restart.
        public var initial: Duration = .seconds(1)
        /// The longest wait.
        public var maximum: Duration = .seconds(30)
        /// Up this long, a process that exits again is restarted after `initial`.
        public var resetAfter: Duration = .seconds(30)

        public init() {}
    }

    /// Watches every process `start` started until the calling task is cancelled:
    /// reports each one that exits, and starts it again when its restart policy says
    /// so, after a back-off. Cancel it before `stopAll`, so stopping is not mistaken
    /// for a crash.
    /// - Parameters:
    ///   - client: for `start`'s wait until a restarted process serves.
    ///   - backoff: how long to wait between restarts of one process.
    ///   - report: receives one sentence per exit and per restart.
    public func supervise(
        client: BusClient, backoff: Backoff = Backoff(), report: @escaping @Sendable (String) -> Void
    ) async {
        let clock = ContinuousClock()
        var upSince: [Int32: ContinuousClock.Instant] = [:]
        var waits: [String: Duration] = [:]
        var due: [(service: NativeService, at: ContinuousClock.Instant)] = []
        while !Task.isCancelled {
            let now = clock.now
            let (alive, exited) = running.withLock { list in
                let exited = list.filter { !$0.1.isRunning }
                list.removeAll { !$0.1.isRunning }
                return (list.map { $0.1.processIdentifier }, exited)
            }
            for pid in alive where upSince[pid] == nil { upSince[pid] = now }
            for (service, process) in exited {
                let pid = process.processIdentifier
                if let since = upSince.removeValue(forKey: pid), now - since >= backoff.resetAfter {
                    waits[service.name] = nil
                }
                let signalled = process.terminationReason == .uncaughtSignal
                let how =
                    signalled
                    ? "was killed by signal \(process.terminationStatus)"
                    : "exited with status \(process.terminationStatus)"
                guard service.restart.restarts(failed: signalled || process.terminationStatus != 0) else {
                    report("\(service.name) \(how); not restarted (restart: \(service.restart.rawValue))")
                    continue
                }
                let wait = waits[service.name] ?? backoff.initial
                waits[service.name] = min(wait * 2, backoff.maximum)
                report("\(service.name) \(how); restarting it in \(Self.seconds(wait))")
                due.append((service, now + wait))
            }
            for entry in due where entry.at <= now {
                due.removeAll { $0.service.name == entry.service.name }
                do {
                    try await start(entry.service, client: client)
                    report("\(entry.service.name) is serving again")
                } catch {
                    // An exit during the start is found, and backed off, on the next round.
                    if Task.isCancelled { return }
                    report("\(entry.service.name) did not come back: \(error)")
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
