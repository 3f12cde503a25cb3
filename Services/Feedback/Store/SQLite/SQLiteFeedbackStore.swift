import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit
import Wire

/// `FeedbackStore` on the service's SQLite database (`SQLiteStore`: outbox,
/// idempotency ledger, injectable clock).
final class SQLiteFeedbackStore: Sendable {
    let store: SQLiteStore
    let settings: FeedbackSettings

    /// Opens (or creates) the database at `path`.
    /// - Parameters:
    ///   - clock: the time every write and every status uses (tests move it).
    ///   - publish: receives committed events in sequence order.
    init(
        path: String, settings: FeedbackSettings = FeedbackSettings(),
        clock: @escaping @Sendable () -> Date = Date.init, publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        store = try SQLiteStore(
            path: path, service: Feedback.service, migrations: FeedbackSchema.migrations, clock: clock,
            publish: publish)
        self.settings = settings
    }

    var nowMs: Int64 { store.now.unixMilliseconds }

    /// A write whose reply is the value it returns, remembered under the key.
    func write<Reply: WireMessage>(
        _ method: String, idempotencyKey: String? = nil, _ body: @escaping @Sendable (inout Change) throws -> Reply
    ) async throws -> Reply {
        try await store.write(idempotencyKey: idempotencyKey, method: method, body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await store.read(body)
    }
}

extension Domain.TimeWindow {
    /// [from, to) in Unix milliseconds.
    var bounds: (from: Int64, to: Int64) { (from.unixMilliseconds, to.unixMilliseconds) }
}
