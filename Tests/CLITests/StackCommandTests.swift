import Bus
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Stack
import TestSupport
import Testing

@Suite("glimlach up, demo and keys through the binary", .serialized, .timeLimit(.minutes(3)))
struct StackCommandTests {
    static let composeFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("compose/docker-compose.yml").path

    @Test("up starts the stack, demo fills it, a killed service comes back, Ctrl-C stops services before the bus")
    func upDemoAndStop() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-up-\(UUID().uuidString)")
        let (stack, offset) = try await Self.startUp(
            [], data: data, environment: ["GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0", "GLIMLACH_LOG_LEVEL": "warning"])
        #expect(stack.output.contains("analytics is serving") && stack.output.contains("gateway is serving"))

        let demo = try await CommandRun.run(
            "glimlach", ["demo", "--tickets", "24", "--days", "3", "--bus", "tcp://127.0.0.1:\(5555 + offset)"],
            timeout: .seconds(120))
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("Loaded 24 contacts"))
        #expect(demo.output.contains("NPS, last 3 days: "))
        #expect(demo.output.contains("First response within target"))
        // Eight weeks of imported history at the same daily rate: the trend has a shape.
        #expect(demo.output.contains("Imported 448 earlier contacts over 8 weeks"))
        #expect(demo.output.contains("Every day a little better: daily NPS"))
        #expect(demo.output.contains("First-contact resolution by channel, last 59 days"))
        let trend = try await CommandRun.run(
            "glimlach",
            [
                "call", "analytics", "GetTrend", #"{"metric": "TREND_METRIC_NPS"}"#, "--window", "8w",
                "--bus", "tcp://127.0.0.1:\(5555 + offset)",
            ])
        #expect(trend.status == 0, "\(trend.errors)")
        let points = try #require(
            (try JSONSerialization.jsonObject(with: Data(trend.output.utf8)) as? [String: Any])?["points"]
                as? [[String: Any]])
        #expect(points.count >= 56)
        #expect(
            points.filter { $0["value"] != nil }.count >= 40,
            "days with answers: \(points.filter { $0["value"] != nil }.count)")
        #expect(points.contains { $0["delta_week_before"] != nil })

        // A service that dies is reported and restarted (compose: restart: unless-stopped).
        let staff = try #require(childProcess(of: stack.pid, named: "staff"), "no staff process under glimlach up")
        kill(staff, SIGKILL)
        try await stack.waitFor("staff was killed by signal 9; restarting it in 1 s", timeout: .seconds(10))
        try await stack.waitFor("staff is serving again", timeout: .seconds(30))
        #expect(childProcess(of: stack.pid, named: "staff").map { $0 != staff } == true)
        let health = try await CommandRun.run(
            "glimlach", ["health", "staff", "--bus", "tcp://127.0.0.1:\(5555 + offset)", "--timeout", "5"])
        #expect(health.status == 0, "\(health.output)\(health.errors)")

        stack.interrupt()
        let status = try await stack.waitForExit(timeout: .seconds(30))
        #expect(status == 0)
        #expect(stack.output.contains("stopping services, then the bus"))
        try? FileManager.default.removeItem(at: data)
    }

    /// `glimlach up` with `flags` on ports moved by a random offset, waiting until the
    /// stack serves; another offset is tried when a run's ports are taken (three tries).
    /// Below the ephemeral range (32768+), so no outgoing connection holds the ports; a
    /// listener that does is another run's, and the next offset avoids it.
    static func startUp(_ flags: [String], data: URL, environment: [String: String]) async throws -> (
        LiveCommand, Int
    ) {
        for _ in 0..<3 {
            let offset = Int.random(in: 4_000...24_000)
            let command = try LiveCommand(
                "glimlach",
                ["up"] + flags + [
                    "--data-dir", data.path, "--compose", composeFile, "--port-offset", "\(offset)", "--metrics-port",
                    "0",
                ],
                environment: environment)
            if try await command.waitFor("the stack serves", orExit: true, timeout: .seconds(60)) {
                return (command, offset)
            }
        }
        throw StackStartError(flags: flags)
    }

    @Test("keys generate writes a private key file and a public one, and will not overwrite without --force")
    func keysGenerate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-keys-\(UUID().uuidString)")
        let first = try await CommandRun.run("glimlach", ["keys", "generate", "bus", "staff", "--out", directory.path])
        #expect(first.status == 0)
        #expect(first.output.split(separator: "\n").count == 2)
        #expect(!first.output.contains("call="), "a new key gets no rights until the operator adds them")
        let secret = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("staff.key").path)
        #expect((secret[.posixPermissions] as? Int) == 0o600)
        let publicKey = try String(contentsOf: directory.appendingPathComponent("staff.pub"), encoding: .utf8)
        #expect(publicKey.contains("public-key = ") && !publicKey.contains("secret-key"))
        let again = try await CommandRun.run("glimlach", ["keys", "generate", "staff", "--out", directory.path])
        #expect(again.status == 1 && again.errors.contains("--force"))
        try? FileManager.default.removeItem(at: directory)
    }
}

extension StackCommandTests {
    @Test("keys generate --compose writes a key pair per process and an access list with each one's least rights")
    func keysFromCompose() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRun.run(
            "glimlach", ["keys", "generate", "--compose", Self.composeFile, "--out", directory.path])
        #expect(run.status == 0, "\(run.errors)")
        let list = try AccessList(contentsOf: directory.appendingPathComponent("access-list").path)
        #expect(
            list.peers.map(\.name).sorted() == [
                "analytics", "channels", "feedback", "gateway", "glimlach", "staff", "tickets", "web", "webhooks",
            ])
        #expect(Set(list.peers.map(\.publicKey)).count == list.peers.count, "every process has a key of its own")
        let bus = try KeyFile.keyPair(at: directory.appendingPathComponent("bus.key").path)
        #expect(list.peer(publicKey: bus.publicKey) == nil, "the bus's key is no peer's")
        #expect(list.peers.filter { $0.calls.contains("*") }.map(\.name) == ["glimlach"])
        #expect(list.may("web", call: "feedback", method: "SubmitResponse"))
        #expect(!list.may("web", call: "feedback", method: "CreateStory") && !list.may("web", serve: "feedback"))
        #expect(list.may("feedback", call: "tickets", method: "OpenFollowUp") && !list.may("feedback", call: "staff"))
        #expect(list.may("channels", call: "tickets", method: "CreateTicket") && !list.may("channels", call: "staff"))
        #expect(list.peers.filter(\.assertsPerson).map(\.name).sorted() == ["glimlach", "tickets", "web"])
        // The HTTP API's key calls the public services but serves none and asserts no person.
        #expect(list.may("gateway", call: "tickets", method: "CreateTicket") && !list.may("gateway", serve: "tickets"))
        let again = try await CommandRun.run(
            "glimlach", ["keys", "generate", "--compose", Self.composeFile, "--out", directory.path])
        #expect(again.status == 1 && again.errors.contains("--force"))
    }

    @Test(
        "up --secure runs a keyed stack: the demo works with the operator's key, a plain client is refused, the web's key may answer surveys but not write stories"
    )
    func upSecure() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let (stack, offset) = try await Self.startUp(
            ["--secure"], data: data,
            environment: [
                "GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0", "GLIMLACH_LOG_LEVEL": "warning",
                "GLIMLACH_CURVE_KEY": "/nonexistent/bus.key", "GLIMLACH_BUS_PUBLIC_KEY": "/nonexistent/bus.pub",
                "GLIMLACH_GATEWAY_TOKEN": "cli-test-token",
            ])
        #expect(stack.output.contains("keyed (CURVE)"))
        let keys = data.appendingPathComponent("keys")
        let bus = "tcp://127.0.0.1:\(5555 + offset)"
        func keyedAs(_ name: String) -> [String: String] {
            [
                "GLIMLACH_CURVE_KEY": keys.appendingPathComponent("\(name).key").path,
                "GLIMLACH_BUS_PUBLIC_KEY": keys.appendingPathComponent("bus.pub").path,
            ]
        }
        let demo = try await CommandRun.run(
            "glimlach", ["demo", "--tickets", "24", "--days", "3", "--bus", bus], environment: keyedAs("glimlach"),
            timeout: .seconds(120))
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("Loaded 24 contacts"))
        #expect(demo.output.contains("NPS, last 3 days: "))

        let plain = try await CommandRun.run(
            "glimlach", ["health", "bus", "--bus", bus, "--timeout", "3"],
            environment: ["GLIMLACH_CURVE_KEY": "", "GLIMLACH_BUS_PUBLIC_KEY": ""])
        #expect(plain.status != 0 && (plain.output + plain.errors).contains("UNAUTHENTICATED"))
        let story = try await CommandRun.run(
            "glimlach", ["call", "feedback", "CreateStory", "{}", "--bus", bus], environment: keyedAs("web"))
        #expect((story.output + story.errors).contains("PERMISSION_DENIED"))
        let answer = try await CommandRun.run(
            "glimlach", ["call", "feedback", "SubmitResponse", "{}", "--bus", bus], environment: keyedAs("web"))
        #expect(answer.status != 0 && !(answer.output + answer.errors).contains("PERMISSION_DENIED"))

        // The HTTP API over the keyed bus: the gateway's key may call the services.
        #expect(stack.output.contains("Authorization: Bearer cli-test-token"))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(8070 + offset)/v1/staff/ListTeams")!)
        request.setValue("Bearer cli-test-token", forHTTPHeaderField: "Authorization")
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: body, as: UTF8.self))")
        #expect(String(decoding: body, as: UTF8.self).contains("\"teams\""))

        stack.interrupt()
        #expect(try await stack.waitForExit(timeout: .seconds(30)) == 0)
    }

    @Test("up --standby: kill -9 of the first bus, calls and the HTTP API go on through bus-standby at once")
    func upStandby() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let (stack, offset) = try await Self.startUp(
            ["--standby"], data: data,
            environment: ["GLIMLACH_LOG_LEVEL": "warning", "GLIMLACH_GATEWAY_TOKEN": "cli-test-token"])
        #expect(stack.output.contains("bus-standby is serving"))
        let buses = "tcp://127.0.0.1:\(5555 + offset),tcp://127.0.0.1:\(5565 + offset)"
        let first = try #require(
            childProcesses(of: stack.pid, named: "bus").first {
                environment(of: $0)["GLIMLACH_BUS_ENDPOINT"]?.hasSuffix(":\(5555 + offset)") == true
            }, "no first bus under glimlach up")

        kill(first, SIGKILL)
        let killed = ContinuousClock.now
        let teams = try await CommandRun.run(
            "glimlach", ["call", "staff", "ListTeams", "{}", "--bus", buses, "--timeout", "2"])
        #expect(teams.status == 0, "\(teams.errors)")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(8070 + offset)/v1/staff/ListTeams")!)
        request.setValue("Bearer cli-test-token", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 2
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: body, as: UTF8.self))")
        #expect(ContinuousClock.now - killed < .seconds(2), "answered \(ContinuousClock.now - killed) after the kill")
        let listing = try await CommandRun.run("glimlach", ["services", "--bus", buses, "--timeout", "2"])
        #expect(listing.output.contains("broker tcp://127.0.0.1:\(5565 + offset)\nSERVICE"), "\(listing.output)")
        #expect(listing.output.contains("tickets"))
        try await stack.waitFor("bus is serving again", timeout: .seconds(30))

        stack.interrupt()
        #expect(try await stack.waitForExit(timeout: .seconds(30)) == 0)
    }
}

struct StackStartError: Error, CustomStringConvertible {
    let flags: [String]
    var description: String { "glimlach up \(flags.joined(separator: " ")) did not start a stack in three tries" }
}

/// A long-running command whose output the test watches while it runs.
final class LiveCommand: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var printed = ""

    init(_ product: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = ChildProcess.binDirectory.appendingPathComponent(product)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.printed += String(decoding: data, as: UTF8.self) }
        }
        try ProcessLaunch.run(process)
    }

    var output: String { lock.withLock { printed } }

    var pid: Int32 { process.processIdentifier }

    /// Waits until the output shows `text`.
    /// - Returns: false when the command exited first (with `orExit`).
    /// - Throws: `TimeoutError` when neither happens in time (the output is recorded).
    @discardableResult
    func waitFor(_ text: String, orExit: Bool = false, timeout: Duration) async throws -> Bool {
        do {
            try await waitUntil("output shows '\(text)'", timeout: timeout) {
                self.output.contains(text) || (orExit && !self.process.isRunning)
            }
        } catch {
            Issue.record("the command printed:\n\(output)")
            throw error
        }
        return output.contains(text)
    }

    func interrupt() { kill(process.processIdentifier, SIGINT) }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await waitUntil("the command exits", timeout: timeout) { !self.process.isRunning }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// The pid of a child of `parent` whose command name is `name`, read from /proc.
func childProcess(of parent: Int32, named name: String) -> Int32? {
    childProcesses(of: parent, named: name).first
}

/// Every child of `parent` running the executable `name`.
func childProcesses(of parent: Int32, named name: String) -> [Int32] {
    var found: [Int32] = []
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for entry in entries {
        guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
        else { continue }
        // "pid (comm) state ppid ..."
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if stat[stat.index(after: open)..<close] == name, fields.count > 1, Int32(fields[1]) == parent {
            found.append(pid)
        }
    }
    return found
}

/// The environment process `pid` was started with.
func environment(of pid: Int32) -> [String: String] {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [:] }
    var values: [String: String] = [:]
    for entry in data.split(separator: 0) {
        let text = String(decoding: entry, as: UTF8.self)
        guard let equals = text.firstIndex(of: "=") else { continue }
        values[String(text[..<equals])] = String(text[text.index(after: equals)...])
    }
    return values
}
