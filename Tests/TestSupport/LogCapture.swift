import Logging
import Synchronization

/// Keeps the messages logged through its loggers, for tests that check what a
/// component logs (and how often).
public final class LogCapture: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

    public init() {}

    /// A logger at `level` whose messages this capture keeps.
    public func logger(_ label: String, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// The messages logged at `level` or above, oldest first.
    public func messages(atLeast level: Logger.Level) -> [String] {
        lines.withLock { $0.filter { $0.level >= level }.map(\.message) }
    }

    fileprivate func append(_ level: Logger.Level, _ message: String) {
        lines.withLock { $0.append((level, message)) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { capture.append(event.level, event.message.description) }
    }
}
