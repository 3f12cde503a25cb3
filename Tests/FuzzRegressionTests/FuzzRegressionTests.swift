import Foundation
import FuzzTargets
import Testing

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
        #expect(messages == [[[UInt8(ascii: "p"), 1], [], Array("MDPW01".utf8)], [[UInt8(ascii: "p"), 2], [], [9]]])
    }
}
