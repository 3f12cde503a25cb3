import GRDB

/// `StoreAccess` for stores written against GRDB: the same, with the SQLite
/// connection as `db`.
///
/// ```swift
/// class SQLiteWebhooksReader: SQLiteAccess, WebhooksReading { ... }
/// final class SQLiteWebhooksWriter: SQLiteWebhooksReader, WebhooksWriting { ... }
/// ```
open class SQLiteAccess: StoreAccess {
    /// The connection; in a write, inside the open transaction.
    public let db: Database

    public required init(session: any SQLSession) {
        guard let db = session as? Database else { preconditionFailure("SQLiteAccess reads an SQLiteStore only") }
        self.db = db
        super.init(session: session)
    }

    public required init(change: Change) {
        self.db = change.db
        super.init(change: change)
    }

    /// A reader on `db`.
    public convenience init(db: Database) {
        self.init(session: db)
    }
}
