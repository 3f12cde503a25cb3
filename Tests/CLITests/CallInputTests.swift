import Foundation
import TestSupport
import Testing

/// What `glimlach call` makes of its JSON and its options, through the real binary.
@Suite("glimlach call: JSON, windows and the bus endpoint", .serialized, .timeLimit(.minutes(2)))
struct CallInputTests {
    private func glimlach(_ arguments: [String], stack: ProcessStack? = nil) async throws -> CommandRun {
        try await CommandRun.run(
            "glimlach", arguments, environment: stack.map { ["GLIMLACH_BUS_ENDPOINT": $0.endpoint] } ?? [:])
    }

    @Test("0 and 1 are numbers, integers out of range are refused, and bad JSON says where it breaks")
    func jsonNumbersAndSyntax() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let zero = try await glimlach(["call", "staff", "Since", #"{"after_sequence": 0, "limit": 1}"#], stack: stack)
        #expect(zero.status == 0, "\(zero.errors)")
        #expect(zero.output.contains("\"last_sequence\""))
        let wrapped = try await glimlach(
            ["call", "staff", "Since", #"{"after_sequence": 18446744073709551616}"#], stack: stack)
        #expect(wrapped.status == 2)
        #expect(wrapped.errors.contains("field 'after_sequence': 18446744073709551616 is out of range for uint64"))
        let notJSON = try await glimlach(["call", "staff", "Since", "{"], stack: stack)
        #expect(notJSON.status == 2 && notJSON.errors.contains("line 1, column 2: unexpected end"), "\(notJSON.errors)")
        await stack.shutdown()
    }

    @Test("a score of 0 is submitted, and GetNps without a window counts the last 30 days; --window 7d sets one")
    func defaultAndRelativeWindow() async throws {
        let stack = try await ProcessStack()
        for service in ["staff", "tickets", "feedback", "analytics"] { try await stack.start(service) }
        let submitted = try await glimlach(
            ["call", "feedback", "SubmitResponse", #"{"score": 0, "attribution": {"country": "NL"}}"#], stack: stack)
        #expect(submitted.status == 0, "\(submitted.errors)")
        #expect(submitted.output.contains("\"score\": 0"))
        // The detractor reaches the read model through the event feed.
        let deadline = ContinuousClock.now + .seconds(20)
        var nps = try await glimlach(["call", "analytics", "GetNps", "{}"], stack: stack)
        while !nps.output.contains("\"detractors\": 1"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            nps = try await glimlach(["call", "analytics", "GetNps", "{}"], stack: stack)
        }
        #expect(nps.status == 0, "\(nps.errors)")
        #expect(nps.output.contains("\"detractors\": 1") && nps.output.contains("\"nps\": -100"), "\(nps.output)")
        let week = try await glimlach(["call", "analytics", "GetNps", "--window", "7d"], stack: stack)
        #expect(week.status == 0 && week.output.contains("\"detractors\": 1"), "\(week.errors)")
        let badUnit = try await glimlach(["call", "analytics", "GetNps", "--window", "7x"], stack: stack)
        #expect(badUnit.status != 0 && badUnit.errors.contains("--window"))
        let twice = try await glimlach(
            ["call", "analytics", "GetNps", #"{"window": {"from_ms": 0, "to_ms": 1}}"#, "--window", "7d"], stack: stack)
        #expect(twice.status == 2 && twice.errors.contains("--window: the request JSON sets window.from_ms or to_ms"))
        await stack.shutdown()
    }

    @Test("no bus at the endpoint is reported at once, naming it; HOST:PORT works without tcp://")
    func unreachableBus() async throws {
        let nowhere = try freeEndpoint()
        let clock = ContinuousClock()
        let started = clock.now
        let call = try await glimlach(["call", "staff", "Health", "--bus", nowhere, "--timeout", "10"])
        #expect(call.status == 1 && call.errors.contains("no bus at \(nowhere)"), "\(call.errors)")
        let health = try await glimlach(["health", "--bus", nowhere, "--timeout", "10"])
        #expect(health.status == 1 && health.errors.contains("no bus at \(nowhere)"), "\(health.errors)")
        #expect(clock.now - started < .seconds(5), "both waited for a reply instead")

        let stack = try await ProcessStack()
        try await stack.start("staff")
        let bare = String(stack.endpoint.dropFirst("tcp://".count))
        let plain = try await glimlach(["call", "staff", "Health", "--bus", bare])
        #expect(plain.status == 0 && plain.output.contains("SERVING_STATUS_SERVING"), "\(plain.errors)")
        let wrong = try await glimlach(["services", "--bus", "http://\(bare)"])
        #expect(wrong.status != 0 && wrong.errors.contains("expected tcp://HOST:PORT"))
        await stack.shutdown()
    }

    @Test("health stops at a bus that does not answer instead of waiting out every service")
    func stoppedBus() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        kill(stack.broker.pid, SIGSTOP)
        let clock = ContinuousClock()
        let started = clock.now
        // With a 2 s deadline per call, asking the bus and then all four services would take 10 s.
        let health = try await glimlach(["health", "--timeout", "2"], stack: stack)
        let took = clock.now - started
        kill(stack.broker.pid, SIGCONT)
        #expect(health.status == 1)
        #expect(health.errors.contains("the bus at \(stack.endpoint) does not answer; the services were not asked"))
        #expect(!health.output.contains("staff"))
        #expect(took < .seconds(6), "health took \(took)")
        await stack.shutdown()
    }
}
