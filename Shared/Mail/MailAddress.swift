/// A mailbox: an address with an optional display name (`Name <local@domain>`).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, decoded (UTF-8), or nil.
    public var name: String?
    /// `local@domain`.
    public var address: String

    /// - Parameters:
    ///   - address: `local@domain`.
    ///   - name: the display name.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// Checks the address has one `@` with text either side and no spaces, brackets or
    /// line breaks, and the name has no line breaks.
    /// - Parameter field: the field name the error starts with (`from`, `to`).
    /// - Throws: ``MailError`` (`.invalidArgument`).
    func validate(_ field: String) throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !address.contains(where: { $0.isWhitespace || "<>()[],;:\"\\".contains($0) })
        else { throw MailError(.invalidArgument, "\(field): not an address: \(address)") }
        if let name, name.contains(where: \.isNewline) {
            throw MailError(.invalidArgument, "\(field): the name must not contain line breaks")
        }
    }
}
