import Foundation

/// A raw message of `Fixtures/` (real-looking mail, CRLF line ends).
func fixture(_ name: String) throws -> Data {
    try Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)"))
}
