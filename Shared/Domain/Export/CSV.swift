/// Comma-separated values as RFC 4180 writes them (CRLF between records), the one
/// writer every export uses. A text cell a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`;
/// a number such as `-12.5` stays as it is.
public enum CSV {
    /// One field, quoted when it holds a comma, a quote or a line break.
    public static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// One record, without a line terminator.
    public static func line(_ fields: [String]) -> String {
        fields.map(cell).joined(separator: ",")
    }

    /// A whole file: the header, then the rows, each record ending in CRLF.
    public static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { line($0) + "\r\n" }.joined()
    }
}
