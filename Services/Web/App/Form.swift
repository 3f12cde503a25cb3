import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body (the last of repeated names wins).
struct Form: Sendable {
    let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    init(_ text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
        self.fields = fields
    }

    /// Reads at most 64 KiB of `request`'s body.
    /// - Throws: HTTPError 413 when the body is larger.
    static func read(_ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return Form(String(buffer: buffer))
    }

    private static func decode(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
