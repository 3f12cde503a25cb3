import Foundation

/// What proto/ says beyond the descriptors: the structured comments protobuf-c
/// drops (`// @idempotent` on the line above an `rpc`, see proto/README.md) and the
/// plain comments above messages, enums, fields and rpcs, which become the OpenAPI
/// document's descriptions.
struct ProtoAnnotations {
    /// `glimlach.tickets.Tickets/GetTicket` for each method marked idempotent.
    private(set) var idempotent: Set<String> = []
    /// The comment lines right above a declaration, joined by spaces, keyed like
    /// `glimlach.tickets.Ticket`, `glimlach.tickets.Ticket.status` (a field) and
    /// `glimlach.tickets.Tickets/GetTicket` (an rpc).
    private(set) var comments: [String: String] = [:]

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
        // The message, enum or service blocks the line is inside, outermost first.
        var scopes: [(kind: Substring, name: String)] = []
        var marked = false
        var pending: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("//") {
                let comment = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if comment == "@idempotent" {
                    marked = true
                } else if !comment.hasPrefix("=====") {
                    pending.append(comment)
                }
                continue
            }
            let words = line.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "{" || $0 == "(" })
            let note = pending.joined(separator: " ").trimmingCharacters(in: .whitespaces)
            defer {
                pending = []
                marked = false
            }
            guard let first = words.first else { continue }
            let scope = scopes.last?.name ?? package
            switch first {
            case "package" where words.count > 1: package = String(words[1])
            case "message", "enum", "service":
                guard words.count > 1 else { continue }
                let name = "\(scope).\(words[1])"
                record(note, for: name)
                if line.hasSuffix("}") { continue }
                scopes.append((first, name))
            case "rpc" where words.count > 1 && scopes.last?.kind == "service":
                let key = "\(scope)/\(words[1])"
                record(note, for: key)
                if marked { idempotent.insert(key) }
            case "}": _ = scopes.popLast()
            case "optional", "repeated", "required":
                guard scopes.last?.kind == "message", let equals = words.firstIndex(of: "="), equals > 0 else {
                    continue
                }
                record(note, for: "\(scope).\(words[equals - 1])")
            default: continue
            }
        }
    }

    private mutating func record(_ note: String, for key: String) {
        if !note.isEmpty { comments[key] = note }
    }
}
