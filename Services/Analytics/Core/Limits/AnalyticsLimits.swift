import Bus
import Contract
import Domain

/// Bounds every analytics request is held to before and while its figures are
/// computed, so that one request cannot keep a core busy or grow memory at will.
///
/// Configuration keys (flag / environment variable / default):
/// - `--max-window-days` / `GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS` / 1096 (three years):
///   the longest window (and comparison window) a request may ask for.
package struct AnalyticsLimits: Sendable {
    /// The longest window a request may name, in days of 24 hours.
    package var maxWindowDays: Int

    package init(maxWindowDays: Int = 1096) {
        self.maxWindowDays = maxWindowDays
    }

    /// Refuses `request` when a window in it, at any depth (an export's
    /// `trend.compare_window`), is longer than `maxWindowDays`.
    /// - Throws: `RPCError` INVALID_ARGUMENT starting with the window's field path.
    package func check(_ request: some Encodable) throws {
        try check(Mirror(reflecting: request), path: "")
    }

    private func check(_ mirror: Mirror, path: String) throws {
        for child in mirror.children {
            guard let label = child.label, let value = Self.unwrapped(child.value) else { continue }
            let field = path.isEmpty ? label : "\(path).\(label)"
            if let window = value as? TimeWindow {
                guard window.duration <= Double(maxWindowDays) * 86_400 else {
                    throw RPCError.invalidArgument(field: field, "may span at most \(maxWindowDays) days")
                }
            } else if value is any Encodable, !(value is String) {
                try check(Mirror(reflecting: value), path: field)
            }
        }
    }

    /// The value inside an optional, nil when it is unset.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value)
    }

    /// Throws once the deadline of the call being served has passed: long loops call
    /// it so that work nobody waits for anymore stops.
    /// - Throws: `RPCError` DEADLINE_EXCEEDED.
    package static func checkDeadline() throws {
        if let remaining = CallContext.current?.remainingMs, remaining <= 0 {
            throw RPCError(.deadlineExceeded, "analytics stopped the query: its deadline passed")
        }
    }
}
