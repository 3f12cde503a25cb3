@testable import AnalyticsCore
import Bus
import Contract
import Foundation
import ServiceKit
import TestSupport
import Wire

/// A `ProcessStack` whose staff, tickets and feedback processes serve generated
/// events: the events are written into each service's outbox (its database, on
/// the suites' backend) before the process starts, so `Since` replays them like
/// any committed events.
struct SeededStack {
    let stack: ProcessStack
    let generated: GeneratedEvents
    var client: BusClient { stack.client }

    static func start(seed: UInt64, tickets: Int = 400) async throws -> SeededStack {
        let stack = try await ProcessStack()
        let generated = GeneratedEvents(seed: seed, tickets: tickets)
        for service in ReadModelState.sources {
            let store = try await outbox(stack, service)
            try await write(generated.payloads[service]!, to: store)
            try await stack.start(service)
        }
        return SeededStack(stack: stack, generated: generated)
    }

    /// `service`'s database with only the tables every service has (the service
    /// adds its own when it starts).
    static func outbox(
        _ stack: ProcessStack, _ service: String, publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> any TransactionStore {
        try await ServiceDatabase.open(
            try await stack.database(service), service: service, sqlite: [], postgres: { [] }, publish: publish)
    }

    static func write(_ payloads: [(type: String, payload: any WireMessage)], to store: any TransactionStore)
        async throws
    {
        let payloads = payloads.map { SendablePayload(type: $0.type, payload: $0.payload) }
        _ = try await store.write(idempotencyKey: nil, method: "seed") { change in
            for item in payloads { try change.record(item.type, subject: "seed", item.payload) }
            return HealthRequest()
        }
    }

    /// Appends `payloads` to `service`'s outbox while its process runs, publishing
    /// them on the stack's event stream as the service itself would.
    func append(_ payloads: [(type: String, payload: any WireMessage)], to service: String) async throws {
        let publisher = EventPublisher(endpoint: stack.eventsIn)
        let store = try await Self.outbox(stack, service) { events in
            for event in events { try? publisher.publish(event) }
        }
        try await Self.write(payloads, to: store)
        await publisher.close()
    }

    /// Starts an analytics worker and waits until the broker lists `workers` of them.
    @discardableResult
    func startAnalytics(expecting workers: UInt32) async throws -> ChildProcess {
        let process = try await stack.start("analytics")
        try await waitUntil("\(workers) analytics workers", timeout: .seconds(30)) { [client] in
            try await client.call(BusAPI.listServices, ListServicesRequest()).services
                .first { $0.name == "analytics" }?.workers == workers
        }
        return process
    }
}

private struct SendablePayload: @unchecked Sendable {
    let type: String
    let payload: any WireMessage
}
