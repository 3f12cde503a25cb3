import Bus
import Logging
import TestSupport
import Testing
import ZeroMQ

@Suite("CURVE and the access list", .serialized)
struct CurveSecurityTests {
    /// A broker that requires CURVE, knowing "echo-worker" (serves echo), "caller"
    /// (calls echo) and "reader" (calls only other services).
    final class SecureBus: @unchecked Sendable {
        let broker: Broker
        let endpoints: BrokerEndpoints
        let server = try! CurveKeyPair.generate()
        let workerKeys = try! CurveKeyPair.generate()
        let callerKeys = try! CurveKeyPair.generate()
        let readerKeys = try! CurveKeyPair.generate()
        let webKeys = try! CurveKeyPair.generate()
        private var workers: [BusWorker] = []
        private var clients: [BusClient] = []

        init() async throws {
            var configuration = BrokerConfiguration.ephemeral()
            configuration.heartbeatIntervalMs = 100
            configuration.security = BrokerSecurity(
                keys: server,
                access: AccessList(peers: [
                    .init(name: "echo-worker", publicKey: workerKeys.publicKey, serves: ["echo"], calls: []),
                    .init(name: "caller", publicKey: callerKeys.publicKey, serves: [], calls: ["echo"]),
                    .init(name: "reader", publicKey: readerKeys.publicKey, serves: [], calls: ["tickets"]),
                    .init(
                        name: "web", publicKey: webKeys.publicKey, serves: [], calls: ["echo.Health", "echo.Actor"],
                        assertsPerson: true),
                ]))
            broker = Broker(configuration: configuration, logger: Logger(label: "test.bus"))
            endpoints = try await broker.start()
        }

        func client(_ keys: CurveKeyPair?) -> BusClient {
            let credentials = keys.map { CurveCredentials(keys: $0, serverKey: server.publicKey) }
            let client = BusClient(endpoint: endpoints.requests, defaultTimeout: .seconds(2), credentials: credentials)
            clients.append(client)
            return client
        }

        @discardableResult
        func worker(_ keys: CurveKeyPair, tag: String, logger: Logger = Logger(label: "test.worker")) -> BusWorker {
            var router = ServiceRouter(service: "echo")
            router.register(Method<HealthRequest, HealthReply>(service: "echo", name: "Health")) { _, _ in
                HealthReply(service: tag, status: .serving)
            }
            router.register(CurveSecurityTests.actorMethod) { _, context in
                HealthReply(service: context.actor ?? "nobody", status: .serving)
            }
            var configuration = WorkerConfiguration(endpoint: endpoints.requests)
            configuration.heartbeatIntervalMs = 100
            configuration.credentials = CurveCredentials(keys: keys, serverKey: server.publicKey)
            let worker = BusWorker(router: router, configuration: configuration, logger: logger)
            worker.start()
            workers.append(worker)
            return worker
        }

        func shutdown() async {
            for worker in workers { await worker.stop() }
            for client in clients { await client.close() }
            await broker.stop()
        }
    }

    static let echo = Method<HealthRequest, HealthReply>(service: "echo", name: "Health")
    /// Answers the acting employee the worker received as `service`.
    static let actorMethod = Method<HealthRequest, HealthReply>(service: "echo", name: "Actor")

    @Test("only a key with asserts-person names the employee a call acts for; the broker removes it from others")
    func assertsPerson() async throws {
        let bus = try await SecureBus()
        bus.worker(bus.workerKeys, tag: "legit")
        let web = bus.client(bus.webKeys)
        let caller = bus.client(bus.callerKeys)
        try await waitUntil("the worker is registered") { try await caller.hasWorkers(service: "echo") }
        let asPerson = CallOptions(actor: "emp-wim")
        #expect(try await web.call(Self.actorMethod, HealthRequest(), options: asPerson).service == "emp-wim")
        #expect(try await caller.call(Self.actorMethod, HealthRequest(), options: asPerson).service == "nobody")
        await bus.shutdown()
    }

    @Test(
        "a listed client reaches a listed worker over CURVE; an unknown key or a plain client is refused in the handshake: UNAUTHENTICATED"
    )
    func knownAndUnknownKeys() async throws {
        let bus = try await SecureBus()
        bus.worker(bus.workerKeys, tag: "legit")
        let caller = bus.client(bus.callerKeys)
        try await waitUntil("the worker is registered") { try await caller.hasWorkers(service: "echo") }
        #expect(try await caller.call(Self.echo, HealthRequest()).service == "legit")

        // Refused in the handshake: the caller learns it at once, not at its deadline.
        let clock = ContinuousClock()
        let start = clock.now
        let stranger = bus.client(try CurveKeyPair.generate())
        await #expect {
            _ = try await stranger.call(Self.echo, HealthRequest(), options: .init(timeout: .seconds(3)))
        } throws: { ($0 as? RPCError)?.code == .unauthenticated }
        let plain = bus.client(nil)
        await #expect {
            _ = try await plain.call(Self.echo, HealthRequest(), options: .init(timeout: .seconds(3)))
        } throws: { ($0 as? RPCError)?.code == .unauthenticated }
        #expect(clock.now - start < .seconds(2))
        await bus.shutdown()
    }

    @Test(
        "a refused client's every call fails UNAUTHENTICATED within a second, also while libzmq reconnects in between")
    func refusedClientAlwaysUnauthenticated() async throws {
        let bus = try await SecureBus()
        for keys in [nil, try CurveKeyPair.generate()] {
            let client = bus.client(keys)
            for round in 0..<12 {
                let clock = ContinuousClock()
                let start = clock.now
                // A few at once, then a pause that lands anywhere in libzmq's reconnect cycle.
                let codes = await withTaskGroup(of: StatusCode?.self) { group in
                    for _ in 0..<3 {
                        group.addTask {
                            await rpcError {
                                try await client.call(Self.echo, HealthRequest(), options: .init(timeout: .seconds(3)))
                            }?.code
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(codes == [.unauthenticated, .unauthenticated, .unauthenticated], "round \(round): \(codes)")
                #expect(clock.now - start < .seconds(1), "round \(round)")
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...150)))
            }
        }
        await bus.shutdown()
    }

    @Test("a known client calling a service it may not call gets PERMISSION_DENIED")
    func permissionDenied() async throws {
        let bus = try await SecureBus()
        bus.worker(bus.workerKeys, tag: "legit")
        let reader = bus.client(bus.readerKeys)
        await #expect { _ = try await reader.call(Self.echo, HealthRequest()) } throws: {
            ($0 as? RPCError)?.code == .permissionDenied
        }
        await bus.shutdown()
    }

    @Test("a right to one method lets a peer call that method and nothing else of the service: PERMISSION_DENIED")
    func perMethodRights() async throws {
        let bus = try await SecureBus()
        bus.worker(bus.workerKeys, tag: "legit")
        let web = bus.client(bus.webKeys)
        try await waitUntil("the worker is registered") { try await web.hasWorkers(service: "echo") }
        #expect(try await web.call(Self.echo, HealthRequest()).service == "legit")
        let other = Method<HealthRequest, HealthReply>(service: "echo", name: "CreateStory")
        let denied = await rpcError { try await web.call(other, HealthRequest()) }
        #expect(denied?.code == .permissionDenied)
        #expect(denied?.message.contains("echo.CreateStory") == true)
        // A right to the whole service reaches the method (which this worker lacks).
        #expect(
            await rpcError { try await bus.client(bus.callerKeys).call(other, HealthRequest()) }?.code == .unimplemented
        )
        await bus.shutdown()
    }

    @Test("a known key cannot register as a worker of a service it may not serve")
    func imposterWorkerRefused() async throws {
        let bus = try await SecureBus()
        bus.worker(bus.callerKeys, tag: "imposter")
        bus.worker(bus.workerKeys, tag: "legit")
        let caller = bus.client(bus.callerKeys)
        try await waitUntil("the legitimate worker is registered") { try await caller.hasWorkers(service: "echo") }
        try await Task.sleep(for: .milliseconds(300))
        for _ in 0..<10 { #expect(try await caller.call(Self.echo, HealthRequest()).service == "legit") }
        let listing = try await caller.call(BusAPI.listServices, ListServicesRequest())
        #expect(listing.services.first { $0.name == "echo" }?.workers == 1)
        await bus.shutdown()
    }

    @Test("a worker refused by the access list registers again after pauses that double, logging once per pause")
    func refusedWorkerBacksOff() async throws {
        let bus = try await SecureBus()
        let log = LogCapture()
        let imposter = bus.worker(bus.callerKeys, tag: "imposter", logger: log.logger("test.imposter"))
        try await Task.sleep(for: .milliseconds(1600))
        let warnings = log.messages(atLeast: .warning)
        // 100 + 200 + 400 + 800 ms of pauses fit in 1.6 s: four or five attempts, not hundreds.
        #expect((3...6).contains(warnings.count), "\(warnings.count) warnings: \(warnings.prefix(3))")
        #expect(warnings.allSatisfy { $0.contains("refused") })
        // Stopping does not wait out the pause.
        let clock = ContinuousClock()
        let start = clock.now
        await imposter.stop()
        #expect(clock.now - start < .milliseconds(500))
        await bus.shutdown()
    }

    @Test("a listed peer publishes only the events of services it serves; others are dropped at the proxy")
    func publishOnlyOwnTopics() async throws {
        let bus = try await SecureBus()
        let credentials = { (keys: CurveKeyPair) in CurveCredentials(keys: keys, serverKey: bus.server.publicKey) }
        let owner = EventPublisher(endpoint: bus.endpoints.eventsIn, credentials: credentials(bus.workerKeys))
        let forger = EventPublisher(endpoint: bus.endpoints.eventsIn, credentials: credentials(bus.callerKeys))
        let subscriber = EventSubscriber(
            endpoint: bus.endpoints.eventsOut, topics: ["echo."], credentials: credentials(bus.readerKeys))
        var deliveries = subscriber.deliveries.makeAsyncIterator()
        let echo = { (sequence: UInt64, subject: String) in
            Event(service: "echo", sequence: sequence, type: "said", occurred_at_ms: 1, subject_id: subject)
        }
        // Until both publishers are connected, send the forger's event first, then the owner's.
        let sending = Task {
            var sequence: UInt64 = 1
            while !Task.isCancelled {
                try forger.publish(echo(sequence, "forged"))
                try await Task.sleep(for: .milliseconds(30))
                try owner.publish(echo(sequence, "real"))
                sequence += 1
                try await Task.sleep(for: .milliseconds(30))
            }
        }
        var subjects: [String?] = []
        while subjects.count < 5, let delivery = await deliveries.next() {
            if case .event(let event) = delivery { subjects.append(event.subject_id) }
        }
        sending.cancel()
        _ = await sending.result
        #expect(subjects == Array(repeating: "real", count: 5))
        await owner.close()
        await forger.close()
        await subscriber.close()
        await bus.shutdown()
    }

    @Test("access lists parse names, keys and rights, and refuse malformed lines naming the line")
    func accessListFile() throws {
        let key = try CurveKeyPair.generate().publicKey
        let list = try AccessList(text: "# who\nstaff \(key) serve=staff call=tickets,feedback\n\nops \(key) call=*\n")
        #expect(list.may("staff", serve: "staff") && !list.may("staff", serve: "tickets"))
        #expect(list.may("staff", call: "feedback") && !list.may("staff", call: "analytics"))
        #expect(list.may("ops", call: "anything") && !list.may(nil, call: "staff"))
        #expect(
            list.may("staff", publish: "staff.employee.created")
                && !list.may("staff", publish: "tickets.ticket.resolved"))
        #expect(!list.may("ops", publish: "staff.employee.created") && !list.may("staff", publish: "staff"))
        let web = try AccessList(text: "web \(key) call=feedback.SubmitResponse,analytics\n")
        #expect(
            web.may("web", call: "feedback", method: "SubmitResponse")
                && web.may("web", call: "analytics", method: "GetNps"))
        #expect(!web.may("web", call: "feedback", method: "CreateStory") && !web.may("web", call: "feedback"))
        #expect(try AccessList(text: web.text) == web)
        #expect(throws: KeyFileError.self) { try AccessList(text: "staff not-a-key serve=staff") }
        #expect(throws: KeyFileError.self) { try AccessList(text: "staff \(key) admin=yes") }
    }
}
