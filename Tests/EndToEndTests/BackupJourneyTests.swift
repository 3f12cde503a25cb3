import Bus
import Contract
import Foundation
import Synchronization
import Testing
import TestSupport

/// `glimlach backup` taken while every service serves and tickets keep coming, then
/// `glimlach restore` into a new data directory and a stack started on it. SQLite
/// runs only: the command copies the services' SQLite files; PostgreSQL databases
/// are backed up with pg_dump (docs/operating.md).
@Suite(
    "Backup journey: back up a serving stack, restore it elsewhere", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: TestBackend.isSQLite))
struct BackupJourneyTests {
    @Test("a backup under load restores every acknowledged ticket, gap-free events and the same staff")
    func backupAndRestore() async throws {
        let original = try await ProcessStack()
        let restored = try await ProcessStack()
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-backup-\(UUID())")
        defer { try? FileManager.default.removeItem(at: backup) }
        do {
            try await Self.run(original, restored, backup)
        } catch {
            await original.shutdown()
            await restored.shutdown()
            throw error
        }
        await original.shutdown()
        await restored.shutdown()
    }

    static func run(_ original: ProcessStack, _ restored: ProcessStack, _ backup: URL) async throws {
        for service in ["staff", "tickets", "feedback", "channels"] { try await original.start(service) }
        let client = original.client
        for name in ["Daan Bakker", "Sanne Visser"] {
            _ = try await client.call(
                Staff.createEmployee,
                .init(
                    name: name, email: "\(name.prefix(4).lowercased())@glimlach.example", country: "NL",
                    start_date: "2025-01-06", status: .active))
        }
        let staffBefore = try await client.call(Staff.listEmployees, .init()).employees

        // Four callers create tickets while the backup runs.
        let acknowledged = Acknowledged()
        let load = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<4 {
                    group.addTask {
                        var count = 0
                        while !Task.isCancelled {
                            count += 1
                            let reply = try await client.call(Tickets.createTicket, Self.ticket(caller, count))
                            if let id = reply.ticket?.ticket_id { acknowledged.add(id) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await ChannelsJourneyTests.eventually("the load has created tickets") {
            acknowledged.ids.count >= 20 ? true : nil
        }
        let before = acknowledged.ids
        let made = try await glimlach(["backup", "--data-dir", original.dataDirectory.path, "--to", backup.path])
        #expect(made.status == 0, "\(made.errors)")
        let during = acknowledged.ids.count
        load.cancel()
        _ = try? await load.value
        #expect(acknowledged.ids.count > during || during > before.count, "the load went on meanwhile")

        // A backup into the data directory would be backed up with it next time: refused.
        let nested = try await glimlach(
            ["backup", "--data-dir", original.dataDirectory.path, "--to", original.dataDirectory.path + "/b"])
        #expect(nested.status == 1 && nested.errors.contains("inside the data directory"), "\(nested.errors)")

        // A restore over a running stack's data is refused and changes nothing.
        let refused = try await glimlach(
            ["restore", "--from", backup.path, "--data-dir", original.dataDirectory.path, "--yes"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("stop the stack first"), "\(refused.errors)")

        // Restored into an empty data directory, the stack serves it.
        let put = try await glimlach(["restore", "--from", backup.path, "--data-dir", restored.dataDirectory.path])
        #expect(put.status == 0, "\(put.errors)")
        for service in ["staff", "tickets", "feedback", "channels"] { try await restored.start(service) }
        let other = restored.client
        for id in before {
            #expect(try await other.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.ticket_id == id)
        }
        #expect(try await other.call(Staff.listEmployees, .init()).employees == staffBefore)
        let last = try manifestSequence("tickets.sqlite", in: backup)
        let events = try await other.events(of: "tickets")
        #expect(events.map(\.sequence) == Array(1...last), "tickets' events gap-free up to the backup's last")

        // It goes on from there: the next ticket's events follow the backup's last.
        let next = try await other.call(Tickets.createTicket, ticket(9, 1)).ticket!.ticket_id!
        let after = try await other.events(of: "tickets")
        #expect(after.count > events.count && after.map(\.sequence) == Array(1...UInt64(after.count)))
        #expect(after.dropFirst(events.count).contains { $0.subject_id == next })

        // A backup whose file changed is refused before anything is written.
        let staffCopy = try #require(
            FileManager.default.enumerator(atPath: backup.path)?.compactMap { $0 as? String }
                .first { $0.hasSuffix("staff.sqlite") })
        let handle = try FileHandle(forWritingTo: backup.appendingPathComponent(staffCopy))
        try handle.seek(toOffset: 200)
        try handle.write(contentsOf: Data([0xFF, 0xEE]))
        try handle.close()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-empty-\(UUID())")
        let damaged = try await glimlach(["restore", "--from", backup.path, "--data-dir", empty.path])
        #expect(damaged.status == 1)
        #expect(damaged.errors.contains("staff.sqlite: changed since the backup"), "\(damaged.errors)")
        #expect(!FileManager.default.fileExists(atPath: empty.path))
    }

    static func ticket(_ caller: Int, _ count: Int) -> Tickets.CreateTicketRequest {
        Tickets.CreateTicketRequest(
            customer: .init(name: "Customer \(caller)", handle: "c\(caller)@example.nl", country: "NL", language: "nl"),
            channel: .email, product_category: "photo-books", subject: "Question \(count)", body: "Where is my order?")
    }

    static func glimlach(_ arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run("glimlach", arguments, timeout: .seconds(60))
    }

    /// The newest event of the backed-up database named `file`, from the manifest.
    static func manifestSequence(_ file: String, in backup: URL) throws -> UInt64 {
        let data = try Data(contentsOf: backup.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        let entry = try #require(files.first { ($0["path"] as? String)?.hasSuffix(file) == true })
        let database = try #require(entry["database"] as? [String: Any])
        return try #require((database["lastSequence"] as? NSNumber)?.uint64Value)
    }
}

/// Ticket ids the load had acknowledged, in order.
private final class Acknowledged: Sendable {
    private let list = Mutex<[String]>([])
    var ids: [String] { list.withLock { $0 } }
    func add(_ id: String) { list.withLock { $0.append(id) } }
}
