import Foundation

/// A folder's UIDVALIDITY and UIDNEXT: the two numbers that make polling by UID exact.
public struct IMAPStatus: Sendable, Hashable {
    /// Changes when the server renumbers the folder; stored UIDs are then void.
    public let uidValidity: UInt32
    /// The UID the next message will get (at least).
    public let uidNext: UInt32

    /// - Parameters:
    ///   - uidValidity: the folder's UIDVALIDITY.
    ///   - uidNext: the folder's UIDNEXT.
    public init(uidValidity: UInt32, uidNext: UInt32) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
    }

    /// From `* STATUS "INBOX" (UIDNEXT 5 UIDVALIDITY 1700000000)`.
    init(reply: Data) throws {
        let text = String(decoding: reply, as: UTF8.self)
        guard let open = text.lastIndex(of: "("), let close = text[open...].firstIndex(of: ")") else {
            throw MailError(.protocolError, "status: no STATUS reply in \(text.prefix(200))")
        }
        let words = text[text.index(after: open)..<close].split(separator: " ").map(String.init)
        var values: [String: UInt32] = [:]
        for index in stride(from: 0, to: words.count - 1, by: 2) {
            values[words[index].uppercased()] = UInt32(words[index + 1])
        }
        guard let validity = values["UIDVALIDITY"], let next = values["UIDNEXT"] else {
            throw MailError(.protocolError, "status: no UIDVALIDITY and UIDNEXT in \(text.prefix(200))")
        }
        self.init(uidValidity: validity, uidNext: next)
    }

    /// The numbers of the `* SEARCH 1 2 3` lines of a reply.
    static func searchResults(_ reply: Data) -> [UInt32] {
        String(decoding: reply, as: UTF8.self).split(whereSeparator: \.isNewline).flatMap { line in
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { return [UInt32]() }
            return words.dropFirst(2).compactMap { UInt32($0) }
        }
    }
}
