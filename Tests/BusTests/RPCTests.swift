import TestSupport
import Bus
import Foundation
import Testing
import Wire

/// An echo service for the tests: `Echo` answers with the request's number, `Sleep`
/// waits that many ms, `Fail` throws what the number selects, `Budget` reports the
/// budget it was handed.
private enum Echo {
    static let echo = Method<SinceRequest, SinceReply>(service: "echo", name: "Echo", idempotent: true)
    static let sleep = Method<SinceRequest, SinceReply>(service: "echo", name: "Sleep")
    static let fail = Method<SinceRequest, SinceReply>(service: "echo", name: "Fail")
    static let budget = Method<SinceRequest, SinceReply>(service: "echo", name: "Budget")
    static let nested = Method<SinceRequest, SinceReply>(service: "echo", name: "Nested")
    static let missing = Method<SinceRequest, SinceReply>(service: "echo", name: "Missing")

    struct Secret: Error { let detail = "database password is hunter2" }

    static func router(client: @escaping @Sendable () -> any RPCClient) -> ServiceRouter {
        var router = ServiceRouter(service: "echo")
        router.register(echo) { request, _ in SinceReply(events: [], last_sequence: request.after_sequence) }
        router.register(sleep) { request, _ in
            try await Task.sleep(for: .milliseconds(Int(request.after_sequence)))
            return SinceReply(events: [], last_sequence: request.after_sequence)
        }
        router.register(fail) { request, _ in
            if request.after_sequence == 1 { throw RPCError.notFound("ticket", "T-42") }
            throw Secret()
        }
        router.register(budget) { _, context in
            SinceReply(events: [], last_sequence: UInt64(max(0, context.remainingMs ?? -1)))
        }
        router.register(nested) { request, _ in
            // No timeout of its own: the nested call inherits what is left of this one.
            try await client().call(budget, request)
        }
        return router
    }
}

/// Refuses calls without a `user` in their metadata, as an authorization check would.
private struct RequireUser: ServerInterceptor {
    func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        guard call.context.metadata["user"] != nil else {
            throw RPCError(.permissionDenied, "user: required for \(call.method)")
        }
        return try await next(call)
    }
}

/// Refuses every call with a domain error (as a store's lookup inside a rights check would) or any other error.
private struct FailingCheck: ServerInterceptor {
    struct Unknown: Error, RPCErrorConvertible {
        var rpcError: RPCError { RPCError(.notFound, "user: no such user") }
    }
    struct Broken: Error {}
    let convertible: Bool
    func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        if convertible { throw Unknown() }
        throw Broken()
    }
}

/// Names the user every call acts for, as a signed-in front end would.
private struct ActingUser: ClientInterceptor {
    let id: String
    func intercept(_ call: ClientCall, next: @escaping ClientCall.Next) async throws -> [UInt8] {
        var call = call
        call.options.metadata["user"] = id
        return try await next(call)
    }
}

@Suite("RPC over the bus", .serialized)
struct RPCTests {
    @Test("a typed call round-trips through broker and worker")
    func roundTrip() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() })
        let reply = try await bus.client().call(Echo.echo, SinceRequest(after_sequence: 42))
        #expect(reply.last_sequence == 42)
        await bus.shutdown()
    }

    @Test("many tasks share one client: 500 pipelined calls each get their own reply")
    func pipelined() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() }, concurrency: 8)
        let client = bus.client()
        let mismatches = try await withThrowingTaskGroup(of: Bool.self) { group in
            for number in 0..<500 {
                group.addTask {
                    try await client.call(Echo.echo, SinceRequest(after_sequence: UInt64(number))).last_sequence
                        == UInt64(number)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 0 : 1) }
        }
        #expect(mismatches == 0)
        #expect(try await bus.listing()["echo"]?.served == 500)
        await bus.shutdown()
    }

    @Test("statuses: unknown method, thrown RPCError, other errors without internals, bad payload")
    func statuses() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() })
        let client = bus.client()
        await #expect(throws: RPCError(.unimplemented, "service 'echo' has no method 'Missing'")) {
            try await client.call(Echo.missing, SinceRequest(after_sequence: 0))
        }
        await #expect(throws: RPCError(.notFound, "no ticket 'T-42'")) {
            try await client.call(Echo.fail, SinceRequest(after_sequence: 1))
        }
        do {
            _ = try await client.call(Echo.fail, SinceRequest(after_sequence: 2))
            Issue.record("expected INTERNAL")
        } catch let error as RPCError {
            #expect(error.code == .internal)
            #expect(!error.message.contains("hunter2"))
        }
        // A payload without the required after_sequence field.
        await #expect(throws: RPCError(.invalidArgument, "field 'after_sequence' is required")) {
            try await client.call(service: "echo", method: "Echo", payload: [])
        }
        await bus.shutdown()
    }

    @Test("the client gives up at its deadline; the slow call does not hold up others")
    func clientDeadline() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() }, concurrency: 2)
        let client = bus.client()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.call(
                Echo.sleep, SinceRequest(after_sequence: 3000), options: .init(timeout: .milliseconds(200)))
            Issue.record("expected DEADLINE_EXCEEDED")
        } catch let error as RPCError {
            #expect(error.code == .deadlineExceeded)
        }
        // The broker keeps a margin of the budget for the reply, so the answer comes a little early.
        let waited = clock.now - start
        #expect(waited >= .milliseconds(150) && waited <= .milliseconds(1000))
        #expect(try await client.call(Echo.echo, SinceRequest(after_sequence: 7)).last_sequence == 7)
        await bus.shutdown()
    }

    @Test("at its deadline a call's handler is cancelled and its worker slot freed for the next call")
    func deadlineCancelsHandler() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() }, concurrency: 1)
        let client = bus.client()
        let error = await rpcError {
            try await client.call(
                Echo.sleep, SinceRequest(after_sequence: 30_000), options: .init(timeout: .milliseconds(200)))
        }
        #expect(error?.code == .deadlineExceeded)
        // The only slot is free again: the 30 s handler did not run on.
        let reply = try await client.call(
            Echo.echo, SinceRequest(after_sequence: 7), options: .init(timeout: .milliseconds(1500)))
        #expect(reply.last_sequence == 7)
        await bus.shutdown()
    }

    @Test("in memory, a call past its deadline fails DEADLINE_EXCEEDED and its handler stops")
    func inMemoryDeadline() async throws {
        let transport = InMemoryTransport()
        transport.serve(Echo.router { transport })
        let clock = ContinuousClock()
        let start = clock.now
        let error = await rpcError {
            try await transport.call(
                Echo.sleep, SinceRequest(after_sequence: 30_000), options: .init(timeout: .milliseconds(200)))
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(clock.now - start < .seconds(2))
        #expect(try await transport.call(Echo.echo, SinceRequest(after_sequence: 9)).last_sequence == 9)
        let missing = await rpcError { try await transport.call(Echo.missing, SinceRequest(after_sequence: 0)) }
        #expect(missing?.code == .unimplemented)
    }

    @Test("an interceptor added to a router answers before the handler, on any transport")
    func interceptorRefuses() async throws {
        let transport = InMemoryTransport()
        var router = Echo.router { transport }
        router.interceptors.append(RequireUser())
        transport.serve(router)
        let refused = await rpcError { try await transport.call(Echo.echo, SinceRequest(after_sequence: 1)) }
        #expect(refused == RPCError(.permissionDenied, "user: required for Echo"))
        let reply = try await transport.call(
            Echo.echo, SinceRequest(after_sequence: 2), options: .init(metadata: ["user": "anna"]))
        #expect(reply.last_sequence == 2)
    }

    @Test("an interceptor's domain error answers its own status, any other error INTERNAL (never CANCELLED)")
    func interceptorErrors() async throws {
        for convertible in [true, false] {
            let transport = InMemoryTransport()
            var router = Echo.router { transport }
            router.interceptors.append(FailingCheck(convertible: convertible))
            transport.serve(router)
            let error = await rpcError { try await transport.call(Echo.echo, SinceRequest(after_sequence: 1)) }
            #expect(error?.code == (convertible ? .notFound : .internal), "\(String(describing: error))")
        }
    }

    @Test("a client interceptor adds what the server's interceptor requires, over the bus")
    func clientInterceptor() async throws {
        let bus = try await InProcessBus()
        var router = Echo.router { bus.client() }
        router.interceptors.append(RequireUser())
        try await bus.worker(router)
        let plain = bus.client()
        let refused = await rpcError { try await plain.call(Echo.echo, SinceRequest(after_sequence: 1)) }
        #expect(refused?.code == .permissionDenied)
        let signedIn = plain.intercepted(by: [ActingUser(id: "anna")])
        #expect(try await signedIn.call(Echo.echo, SinceRequest(after_sequence: 3)).last_sequence == 3)
        await bus.shutdown()
    }

    @Test("a nested call gets the remaining budget of the call that made it")
    func nestedBudget() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() }, concurrency: 4)
        let reply = try await bus.client().call(
            Echo.nested, SinceRequest(after_sequence: 0), options: .init(timeout: .milliseconds(800)))
        #expect(reply.last_sequence > 0 && reply.last_sequence <= 800)
        await bus.shutdown()
    }

    @Test("a service nobody serves fails UNAVAILABLE, from the broker, within the caller's deadline")
    func unknownService() async throws {
        let bus = try await InProcessBus()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await bus.client().call(
                Method<HealthRequest, HealthReply>.health("nobody"), HealthRequest(),
                options: .init(timeout: .milliseconds(300)))
            Issue.record("expected a failure")
        } catch let error as RPCError {
            #expect(error.code == .unavailable && error.message.contains("nobody"))
        }
        #expect(clock.now - start < .milliseconds(1000))
        #expect(try await bus.client().hasWorkers(service: "nobody") == false)
        await bus.shutdown()
    }

    @Test("a cancelled task's call ends with CANCELLED")
    func cancellation() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() })
        let client = bus.client()
        let call = Task { try await client.call(Echo.sleep, SinceRequest(after_sequence: 2000)) }
        try await Task.sleep(for: .milliseconds(100))
        call.cancel()
        #expect(await rpcError { try await call.value }?.code == .cancelled)
        await bus.shutdown()
    }

    @Test("closing a client fails its waiting call and every later one with UNAVAILABLE, at once")
    func closedClient() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() })
        let client = bus.client(fresh: true)
        let waiting = Task { try await client.call(Echo.sleep, SinceRequest(after_sequence: 3000)) }
        try await Task.sleep(for: .milliseconds(100))
        await client.close()
        #expect(await rpcError { try await waiting.value }?.code == .unavailable)
        let clock = ContinuousClock()
        let start = clock.now
        let later = await rpcError { try await client.call(Echo.echo, SinceRequest(after_sequence: 1)) }
        #expect(later?.code == .unavailable)
        #expect(clock.now - start < .milliseconds(500))
        await bus.shutdown()
    }

    @Test("a call waiting when the broker goes away fails UNAVAILABLE at once, not at its deadline")
    func brokerGone() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() })
        let client = bus.client(fresh: true)
        _ = try await client.call(Echo.echo, SinceRequest(after_sequence: 1))  // connected
        let clock = ContinuousClock()
        let start = clock.now
        let waiting = Task {
            try await client.call(Echo.sleep, SinceRequest(after_sequence: 2500), options: .init(timeout: .seconds(8)))
        }
        try await Task.sleep(for: .milliseconds(200))
        await bus.broker.stop()
        let error = await rpcError { try await waiting.value }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("echo.Sleep") == true, "\(String(describing: error))")
        #expect(clock.now - start < .milliseconds(1500), "before the handler would have answered")
        await bus.shutdown()
    }

    @Test("the broker answers Health and lists services with workers, capacity and counts")
    func operatorListing() async throws {
        let bus = try await InProcessBus()
        try await bus.worker(Echo.router { bus.client() }, concurrency: 3)
        _ = try await bus.client().call(Echo.echo, SinceRequest(after_sequence: 1))
        let health = try await bus.client().call(BusAPI.health, HealthRequest())
        #expect(health.service == "bus" && health.status == .serving)
        let echo = try #require(try await bus.listing()["echo"])
        #expect(echo.workers == 1 && echo.capacity == 3 && echo.served == 1 && echo.queue_depth == 0)
        await bus.shutdown()
    }
}
