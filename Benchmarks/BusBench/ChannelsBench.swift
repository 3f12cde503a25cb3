import Bus
import Contract
import Foundation
import Logging

/// Inbound messages through channels into durable tickets: 64 callers hand chat
/// messages to channels' `ReceiveMessage` as fast as it
/// acknowledges them (each a ticket written by tickets and the message recorded by
/// channels, both committed); every fourth message starts a conversation, the
/// others join their caller's, as a chat or WhatsApp thread does. Then channels and
/// tickets are killed (SIGKILL) and started again, and every acknowledged message
/// must be on its ticket.
///
///     bus-bench channels <directory with the service executables> [seconds]
struct ChannelsBench: ServiceBench {
    static let callers = 64
    let client: BusClient
    let binaries: URL
    let endpoints: BrokerEndpoints
    let dataDirectory: URL

    static func run(binaries: String, seconds: Double) async throws {
        var logger = Logger(label: "bus-bench")
        logger.logLevel = .warning
        let broker = Broker(configuration: .ephemeral(), logger: logger)
        let endpoints = try await broker.start()
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-channels-\(getpid())")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let bench = ChannelsBench(
            client: BusClient(endpoint: endpoints.requests, credentials: nil, logger: logger),
            binaries: URL(fileURLWithPath: binaries), endpoints: endpoints, dataDirectory: dataDirectory)
        var processes = try ["staff", "tickets", "channels"].map { try bench.start($0) }
        for service in ["staff", "tickets", "channels"] { try await bench.waitFor(service) }

        let outcome = try await bench.receive(seconds: seconds)
        let (acknowledged, failures, elapsed) = (outcome.acknowledged, outcome.failures, outcome.elapsed)
        for process in processes.dropFirst() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        processes = [processes[0], try bench.start("tickets"), try bench.start("channels")]
        for service in ["tickets", "channels"] { try await bench.waitFor(service) }
        let present = try await bench.present(acknowledged)
        let tickets = Set(acknowledged.map(\.ticket)).count
        print(
            "RESULT bench=channels-inbound kind=throughput seconds=\(rounded(elapsed)) callers=\(callers)"
                + " acknowledged=\(acknowledged.count) tickets=\(tickets) failed=\(failures)"
                + " rps=\(rounded(Double(acknowledged.count) / elapsed)) present=\(present) restarted=sigkill")
        if ProcessInfo.processInfo.environment["GLIMLACH_CHANNELS_SMTP_URL"] != nil {
            try await bench.replies(count: 300)
        }
        for process in processes {
            process.terminate()
            process.waitUntilExit()
        }
        await bench.client.close()
        await broker.stop()
    }

    /// One acknowledged message: its ticket and its id there.
    struct Acknowledged: Sendable {
        var ticket: String
        var message: String
    }

    /// `callers` tasks handing messages to channels for `seconds`, four to each conversation.
    func receive(seconds: Double) async throws -> LoadOutcome<Acknowledged> {
        let client = client
        return try await load(seconds: seconds) { caller, number in
            let conversation = "bench-\(caller)-\(number / 4)"
            let request = Channels.ReceiveMessageRequest(
                channel: .chat, handle: "visitor-\(caller)-\(number / 4)", name: "Customer \(caller)", language: "nl",
                conversation_key: conversation, subject: "Question \(number / 4)",
                body: "Message \(number) of caller \(caller)", external_id: "bench-\(caller)-\(number)")
            let reply = try await client.call(
                Channels.receiveMessage, request, options: CallOptions(timeout: .seconds(10)))
            guard let ticket = reply.ticket_id, let message = reply.message_id else { return nil }
            return Acknowledged(ticket: ticket, message: message)
        }
    }

    /// Outbound: `count` contact-form tickets each get an agent's public reply at once;
    /// the time until channels has sent every one by SMTP submission (to the mail
    /// server the environment names, GLIMLACH_CHANNELS_SMTP_*).
    func replies(count: Int) async throws {
        let options = CallOptions(timeout: .seconds(30))
        let agent =
            try await client.call(
                Staff.createEmployee,
                .init(
                    name: "Bench Agent", email: "bench@example.com", country: "NL", start_date: "2025-01-06",
                    status: .active),
                options: options
            ).employee?.employee_id ?? ""
        let tickets = try await withThrowingTaskGroup(of: String.self) { group in
            for number in 0..<count {
                group.addTask {
                    try await client.call(
                        Channels.receiveMessage,
                        .init(
                            channel: .webForm, handle: "customer@example.com", name: "Customer",
                            subject: "Order \(number)",
                            body: "Where is order \(number)?", external_id: "out-\(number)"), options: options
                    ).ticket_id ?? ""
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, ticket) in tickets.enumerated() {
                if index >= Self.callers { try await group.next() }
                group.addTask {
                    _ = try await client.call(
                        Tickets.addMessage,
                        .init(ticket_id: ticket, kind: .publicReply, author_id: agent, body: "On its way: \(ticket)"),
                        options: CallOptions(timeout: .seconds(30), actor: agent))
                }
            }
            try await group.waitForAll()
        }
        var (sent, failed, skipped) = (0, 0, 0)
        let deadline = start + .seconds(120)
        while clock.now < deadline {
            (sent, failed, skipped) = (
                try await deliveries(.sent), try await deliveries(.failed), try await deliveries(.skipped)
            )
            if sent + failed + skipped >= count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "RESULT bench=channels-outbound kind=throughput seconds=\(rounded(seconds)) replies=\(count)"
                + " sent=\(sent) failed=\(failed) skipped=\(skipped) rps=\(rounded(Double(sent) / seconds)) via=smtp-submission"
        )
    }

    /// How many deliveries are in `state`.
    func deliveries(_ state: Channels.DeliveryState) async throws -> Int {
        var total = 0
        var token: String?
        repeat {
            let page = try await client.call(
                Channels.listDeliveries, .init(states: [state], page_size: 500, page_token: token),
                options: CallOptions(timeout: .seconds(30)))
            total += page.deliveries.count
            token = page.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return total
    }

    /// How many acknowledged messages are on their tickets after the restart.
    func present(_ acknowledged: [Acknowledged]) async throws -> Int {
        var messages: Set<String> = []
        for ticket in Set(acknowledged.map(\.ticket)) {
            let reply = try await client.call(
                Tickets.getTicket, .init(ticket_id: ticket), options: CallOptions(timeout: .seconds(10)))
            for message in reply.ticket?.messages ?? [] { if let id = message.message_id { messages.insert(id) } }
        }
        return acknowledged.filter { messages.contains($0.message) }.count
    }
}
