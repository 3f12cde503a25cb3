import TestSupport
import Testing

@Suite("the gateway executable", .timeLimit(.minutes(1)))
struct GatewayCommandTests {
    @Test("without GLIMLACH_GATEWAY_TOKEN and without --insecure-open the gateway refuses to start, saying why")
    func refusesWithoutToken() async throws {
        let run = try await CommandRun.run(
            "gateway", ["serve", "--http-port", "1"], environment: ["GLIMLACH_GATEWAY_TOKEN": ""])
        #expect(run.status != 0)
        #expect(run.errors.contains("GLIMLACH_GATEWAY_TOKEN is not set"), "\(run.errors)")
    }
}
