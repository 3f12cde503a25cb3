import Bus
import Foundation
import ServiceKit

/// Where the staff service keeps its data: reads and writes of stored records, no
/// rules (`StaffTransactions`). The handlers check requests, hold the rules of
/// `Rules/` and run them inside `write` with what they read there; every change
/// records its events in the same transaction and remembers its reply under the
/// idempotency key. Implementations throw `StoreError`, never `RPCError`, and name
/// no SQL or GRDB type; `StaffSQLStore` keeps them in SQLite or PostgreSQL.
protocol StaffStore: EventLog, StaffTransactions {
    /// The store's clock (injectable in tests).
    var now: Date { get }
    /// Where months and days begin (budget months, pulse periods, default dates).
    var timeZone: TimeZone { get }
}
