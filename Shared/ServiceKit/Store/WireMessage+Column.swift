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
