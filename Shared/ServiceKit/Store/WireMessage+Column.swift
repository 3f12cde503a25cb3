import Foundation
import GRDB
import Wire

extension WireMessage {
    /// The message as a BLOB column value (a contract message kept whole in a row).
    public func blob() throws -> Data { Data(try wireBytes()) }

    /// Decodes a BLOB column written by `blob()`.
    public init(blob: Data) throws { try self.init(wireBytes: [UInt8](blob)) }

    /// The message stored in `column` of `row`.
    public init(row: Row, _ column: String = "body") throws {
        try self.init(blob: row[column] as Data)
    }
}

extension WireMessage {
    /// The message kept whole in `column` of `row` (either backend).
    public init(row: SQLRow, _ column: String = "body") throws {
        try self.init(wireBytes: row[column] as [UInt8])
    }
}

extension StoreAccess {
    /// The messages kept whole in `column` of each row `sql` finds.
    public func decoded<Message: WireMessage>(
        _ type: Message.Type, _ sql: String, _ arguments: [SQLValue], column: String = "body"
    ) throws -> [Message] {
        try session.rows(sql, arguments).map { try Message(row: $0, column) }
    }
}
