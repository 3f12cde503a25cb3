import Bus
import Foundation
import Stack
import TestSupport
import Testing

/// The web front's key, in a keyed stack, may call what its pages call: a method
/// missing from its x-glimlach-rights would leave that page refused under
/// `glimlach up --secure` while it works on a plain stack.
@Suite("The web front's rights in compose", .timeLimit(.minutes(2)))
struct WebRightsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `Service.method` the web front's sources name, as (service, Method).
    static func methodsTheWebCalls() throws -> Set<String> {
        let folder = root.appendingPathComponent("Services/Web")
        let pattern = try Regex(#"\b(Feedback|Tickets|Staff|Analytics|Channels)\.([a-z][A-Za-z]+)\b"#)
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: pattern) {
                guard let service = match.output[1].substring, let method = match.output[2].substring else { continue }
                found.insert("\(service.lowercased()).\(method.prefix(1).uppercased())\(method.dropFirst())")
            }
        }
        return found
    }

    @Test("the web front's key may call every method its pages call")
    func webMayCallWhatItCalls() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRun.run(
            "glimlach", ["keys", "generate", "--compose", StackCommandTests.composeFile, "--out", directory.path])
        #expect(run.status == 0, "\(run.errors)")
        let list = try AccessList(contentsOf: directory.appendingPathComponent("access-list").path)
        let called = try Self.methodsTheWebCalls()
        #expect(called.contains("tickets.GetTicket") && called.contains("feedback.SubmitResponse"))
        #expect(called.contains("channels.ReceiveMessage") && called.contains("channels.GetConversation"))
        let refused = called.filter { name in
            let parts = name.split(separator: ".")
            return !list.may("web", call: String(parts[0]), method: String(parts[1]))
        }
        #expect(refused.isEmpty, "missing from the web's x-glimlach-rights: \(refused.sorted())")
    }
}
