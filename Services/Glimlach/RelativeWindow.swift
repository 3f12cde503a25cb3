import ArgumentParser
import Foundation
import Wire

/// A window that ends now, as `--window` takes it: a count and a unit, `h` hours,
/// `d` days or `w` weeks (`7d`, `24h`, `2w`).
struct RelativeWindow: ExpressibleByArgument {
    /// How far back the window reaches, in milliseconds.
    let lengthMs: Int64

    init?(argument: String) {
        guard let unit = argument.last, let count = Int64(argument.dropLast()), count > 0 else { return nil }
        let unitMs: Int64
        switch unit {
        case "h": unitMs = 3_600_000
        case "d": unitMs = 86_400_000
        case "w": unitMs = 604_800_000
        default: return nil
        }
        guard count <= 100 * 52 else { return nil }
        lengthMs = count * unitMs
    }

    /// `record` with its `window` field's from_ms and to_ms set to this window ending at `now`.
    /// - Throws: `ValidationError` when the request has no window, or the JSON sets its ends already.
    func apply(to record: WireRecord, of schema: MessageSchema, now: Date = Date()) throws -> WireRecord {
        guard let field = schema.field(named: "window"), field.messageName == "glimlach.TimeWindow" else {
            throw ValidationError("--window: \(schema.fullName) has no window")
        }
        var window: WireRecord = [:]
        if case .message(let given)? = record["window"] { window = given }
        guard window["from_ms"] == nil, window["to_ms"] == nil else {
            throw ValidationError("--window: the request JSON sets window.from_ms or to_ms too; use one or the other")
        }
        let end = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        window["from_ms"] = .int(end - lengthMs)
        window["to_ms"] = .int(end)
        var result = record
        result["window"] = .message(window)
        return result
    }
}
