import Bus
import Foundation

/// Paging for `List` methods: `page_size` (unset or 0: the default; capped) and a
/// stateless `page_token`, so any worker can serve the next page.
public struct Page: Sendable, Equatable {
    public static let defaultSize = 50
    public static let maxSize = 500

    /// Rows to skip.
    public let offset: Int
    /// Rows to return.
    public let size: Int

    /// - Throws: INVALID_ARGUMENT naming `page_token` when it is not one this service made.
    public init(size: UInt32?, token: String?) throws(RPCError) {
        self.size = min(Int(size ?? 0) == 0 ? Self.defaultSize : Int(size!), Self.maxSize)
        guard let token, !token.isEmpty else {
            offset = 0
            return
        }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("o:"), let offset = Int(text.dropFirst(2)), offset >= 0
        else { throw RPCError.invalidArgument(field: "page_token", "is not a token from this listing") }
        self.offset = offset
    }

    /// Fetch one row more than `size` to learn whether another page follows.
    public var limit: Int { size + 1 }

    /// The first `size` rows, and the token of the next page when `rows` had more.
    public func cut<T>(_ rows: [T]) -> (rows: [T], next: String?) {
        guard rows.count > size else { return (rows, nil) }
        return (Array(rows.prefix(size)), Data("o:\(offset + size)".utf8).base64EncodedString())
    }
}
