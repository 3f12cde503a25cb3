import CProtobufC
import Foundation
import Testing
@testable import Wire

/// Proves that `scripts/leak-check` catches a leak: with GLIMLACH_LEAK_PROBE=1 this
/// test unpacks a message and never frees it, and the leak check must fail.
@Suite("Leak check probe")
struct LeakProbeTests {
    @Test(
        "an unpacked message that is never freed is reported",
        .enabled(if: ProcessInfo.processInfo.environment["GLIMLACH_LEAK_PROBE"] == "1"))
    func leaksOnPurpose() throws {
        let schema = try #require(MessageSchema.named("glimlach.RequestHeader"))
        let bytes = try WireCodec.encode(["request_id": .string("leak-probe")], as: schema)
        let message = bytes.withUnsafeBufferPointer { buffer in
            protobuf_c_message_unpack(schema.descriptor, nil, buffer.count, buffer.baseAddress)
        }
        #expect(message != nil)
    }
}
