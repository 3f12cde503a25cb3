import Bus
import Foundation
import GRDB
import ServiceKit
import Wire

/// `StaffStore` on one SQLite file (`ServiceKit.SQLiteStore`: WAL, synchronous
/// FULL, outbox and idempotency ledger in the same transaction as every change).
/// Its queries live in `SQLiteStaffReader`, its changes in `SQLiteStaffWriter`.
final class SQLiteStaffStore: StaffStore {
    let base: SQLiteStore
    let timeZone: TimeZone

    /// Opens (or creates) the database at `path`.
    /// - Parameters:
    ///   - timeZone: where budget months and pulse periods begin.
    ///   - clock: the time every change is stamped with.
    ///   - publish: receives committed events in sequence order.
    init(
        path: String, timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam")!,
        clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.timeZone = timeZone
        base = try SQLiteStore(
            path: path, service: "staff", migrations: StaffSchema.migrations, clock: clock, publish: publish)
    }

    var now: Date { base.now }

    func since(_ request: SinceRequest) async throws -> SinceReply { try await base.since(request) }

    func lastSequence() async throws -> UInt64 { try await base.lastSequence() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StaffReading) throws -> T) async throws -> T {
        try await base.read(SQLiteStaffReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any StaffWriting) throws -> Reply
    ) async throws -> Reply {
        try await base.write(SQLiteStaffWriter.self, method: method, idempotencyKey: idempotencyKey) { try body($0) }
    }
}
