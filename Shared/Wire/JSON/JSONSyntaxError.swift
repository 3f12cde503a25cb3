/// Text that is not JSON, with where it went wrong: line and column count from 1,
/// columns in characters (Unicode scalars).
///
/// ```
/// line 1, column 2: unexpected end
/// ```
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line of the offending character, from 1.
    public let line: Int
    /// The column of the offending character on its line, from 1.
    public let column: Int
    /// What was wrong there, e.g. "unexpected end" or "expected ':' after an object key".
    public let reason: String

    /// - Parameters:
    ///   - line: from 1.
    ///   - column: from 1.
    ///   - reason: what was wrong.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}
