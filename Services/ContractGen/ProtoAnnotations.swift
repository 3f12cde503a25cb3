import Foundation

/// What proto/ says beyond the descriptors: the structured comments protobuf-c
/// drops. Today one: `// @idempotent` on the line above an `rpc` (see proto/README.md).
struct ProtoAnnotations {
    /// `glimlach.tickets.Tickets/GetTicket` for each method marked idempotent.
    private(set) var idempotent: Set<String> = []

    /// Reads every `*.proto` in `directory`.
    init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".proto") }
        for file in files.sorted() {
            read(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
    }

    /// Whether `method` of the service `serviceFullName` is marked `@idempotent`.
    func isIdempotent(_ method: String, of serviceFullName: String) -> Bool {
        idempotent.contains("\(serviceFullName)/\(method)")
    }

    private mutating func read(_ text: String) {
        var package = ""
        var service = ""
        var marked = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let words = line.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "{" || $0 == "(" })
            if line.hasPrefix("//") {
                if line.dropFirst(2).trimmingCharacters(in: .whitespaces) == "@idempotent" { marked = true }
                continue
            }
            if words.first == "package", words.count > 1 { package = String(words[1]) }
            if words.first == "service", words.count > 1 { service = String(words[1]) }
            if words.first == "rpc", words.count > 1, marked {
                idempotent.insert("\(package).\(service)/\(words[1])")
            }
            marked = false
        }
    }
}
