import Foundation
import Synchronization

/// A progress bar on standard error for one step: redrawn in place on a terminal,
/// a line per quarter otherwise (logs, CI).
final class Progress: Sendable {
    private let title: String
    private let total: Int
    private let done = Mutex(0)
    private let terminal = isatty(STDERR_FILENO) == 1

    init(_ title: String, total: Int) {
        self.title = title
        self.total = max(total, 1)
        draw(0)
    }

    func advance() {
        let count = done.withLock { value in
            value += 1
            return value
        }
        if terminal || count == total || count % max(total / 4, 1) == 0 { draw(count) }
    }

    private func draw(_ count: Int) {
        let width = 30
        let filled = width * min(count, total) / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\(title.padding(toLength: 22, withPad: " ", startingAt: 0)) [\(bar)] \(count)/\(total)"
        let text = terminal ? "\r" + line + (count >= total ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
