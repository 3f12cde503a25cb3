import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit
import Wire

/// `FeedbackStore` on the service's SQLite database (`SQLiteStore`: outbox,
/// idempotency ledger, injectable clock), changed in one transaction per write.
final class SQLiteFeedbackStore: FeedbackTransactions, FeedbackListings {
    /// The underlying store (Health and Since use it).
    let store: SQLiteStore

    /// Opens (or creates) the database at `path`.
    /// - Parameters:
    ///   - clock: the time every write and every status uses (tests move it).
    ///   - publish: receives committed events in sequence order.
    init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        store = try SQLiteStore(
            path: path, service: Feedback.service, migrations: FeedbackSchema.migrations, clock: clock,
            publish: publish)
    }

    var nowMs: Int64 { store.now.unixMilliseconds }

    func truncateJournal() async throws { try await store.truncateJournal() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any FeedbackReading) throws -> T) async throws -> T {
        try await store.read(SQLiteFeedbackReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any FeedbackWriting) throws -> Reply
    ) async throws -> Reply {
        try await store.write(SQLiteFeedbackWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}
