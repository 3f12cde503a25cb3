import Foundation
import FuzzTargets
import Testing
import Wire

@Suite("fuzz seeds and regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ kind: String) -> [URL] {
        ["corpus", "regressions"].flatMap { folder -> [URL] in
            let directory = root.appendingPathComponent(folder).appendingPathComponent(kind)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    @Test("every wire seed and regression decodes or is refused, and what decodes round-trips")
    func wireInputs() throws {
        let files = Self.inputs("wire")
        #expect(files.count >= 100)
        for file in files { WireFuzzing.run(Array(try Data(contentsOf: file))) }
    }

    /// wire-fuzz crashes (an enum number the contract does not declare), each with the
    /// message its first byte picked when found; the contract has grown since, so the
    /// replay above now feeds them to other messages.
    static let undeclaredEnums = [
        "undeclared-enum-health-status": "glimlach.HealthReply",
        "undeclared-enum-follow-up-statuses": "glimlach.feedback.ListFollowUpsRequest",
    ]

    @Test("wire-fuzz's enum crashes are refused as undeclared values by the message that found them")
    func undeclaredEnums() throws {
        for (name, message) in Self.undeclaredEnums {
            let file = Self.root.appendingPathComponent("regressions/wire").appendingPathComponent(name)
            let input = Array(try Data(contentsOf: file))
            let schema = try #require(MessageSchema.named(message))
            #expect(throws: (any Error).self, "\(name)") { try WireCodec.decode(input.dropFirst(), as: schema) }
            do { _ = try WireCodec.decode(input.dropFirst(), as: schema) } catch {
                #expect("\(error)".contains("is not a declared value"), "\(name): \(error)")
            }
        }
    }

    @Test("every frame seed and regression leaves the broker's state consistent")
    func frameInputs() throws {
        let files = Self.inputs("frames")
        #expect(files.count >= 5)
        for file in files { FrameFuzzing.run(Array(try Data(contentsOf: file))) }
    }

    @Test("the frame splitter cuts senders, frames and messages as scripts/fuzz's seeds expect")
    func frameSplitter() {
        let input: [UInt8] = [1, 0xFF, 0xFE] + Array("MDPW01".utf8) + [0xFF, 0xFD, 2, 0xFF, 0xFE, 9]
        let messages = FrameFuzzing.messages(input)
        #expect(
            messages == [[[UInt8(ascii: "p"), 1], [], Array("MDPW01".utf8)], [[UInt8(ascii: "p"), 2], [], [9]]])
    }
}
