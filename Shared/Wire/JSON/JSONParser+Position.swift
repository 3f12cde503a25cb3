extension JSONParser {
    /// The byte at `index`.
    /// - Throws: "unexpected end" past the last byte.
    func peek() throws(JSONSyntaxError) -> UInt8 {
        guard index < bytes.count else { throw error("unexpected end") }
        return bytes[index]
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// `reason` at `index`, as a line and a column counted in characters.
    func error(_ reason: String) -> JSONSyntaxError {
        let before = bytes[..<min(index, bytes.count)]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = before.count(where: { $0 == 0x0A }) + 1
        // Continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[lineStart..<before.endIndex].count(where: { $0 & 0xC0 != 0x80 }) + 1
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    /// A byte for a message: a printable character in quotes, anything else in hex.
    func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'"
            : "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
