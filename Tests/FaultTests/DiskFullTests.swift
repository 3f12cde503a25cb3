import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// Tickets with its data on a small disk of its own that fills up. SQLite runs only:
/// on PostgreSQL the data lives on the server's disk (its "disk full", SQLSTATE
/// 53100, answers RESOURCE_EXHAUSTED too, but that server's disk is not filled here).
@Suite("faults: the disk fills up", .serialized, .timeLimit(.minutes(2)), .enabled(if: TestBackend.isSQLite))
struct DiskFullTests {
    @Test("a full disk answers RESOURCE_EXHAUSTED, loses no acknowledged ticket, and writes resume when space returns")
    func diskFull() async throws {
        let disk = try SmallDisk(megabytes: 4)
        let stack = try await ProcessStack()
        do {
            try await Self.run(stack, disk)
        } catch {
            await stack.shutdown()
            disk.remove()
            throw error
        }
        await stack.shutdown()
        disk.remove()
    }

    static func run(_ stack: ProcessStack, _ disk: SmallDisk) async throws {
        let onDisk = ["GLIMLACH_DATA_DIR": disk.path]
        let tickets = try await stack.start("tickets", environment: onDisk)
        let client = stack.client
        try disk.fill(leaving: 256 * 1024)

        var acknowledged: [String] = []
        var refusal: RPCError?
        for number in 0..<500 {
            do {
                acknowledged.append(try await client.call(Tickets.createTicket, ticket(number)).ticket!.ticket_id!)
            } catch let error as RPCError {
                refusal = error
                break
            }
        }
        let refused = try #require(refusal, "the disk never filled")
        #expect(refused.code == .resourceExhausted, "\(refused)")
        #expect(refused.message.contains("storage full"), "\(refused.message)")
        #expect(!acknowledged.isEmpty)
        // Still full: refused again, and reads go on.
        await #expect(throws: RPCError.self) { try await client.call(Tickets.createTicket, ticket(1000)) }
        #expect(try await client.call(Tickets.getTicket, .init(ticket_id: acknowledged[0])).ticket != nil)

        // Space returns: the next write is made without a restart.
        try disk.free()
        let next = try await client.call(Tickets.createTicket, ticket(1001)).ticket!.ticket_id!

        // After kill -9, every acknowledged ticket is there.
        await tickets.kill()
        try await stack.start("tickets", environment: onDisk)
        for id in acknowledged + [next] {
            #expect(try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.ticket_id == id)
        }
    }

    /// A ticket with an 8 KB message, so a few dozen fill what is left.
    static func ticket(_ number: Int) -> Tickets.CreateTicketRequest {
        Tickets.CreateTicketRequest(
            customer: .init(name: "Customer \(number)", handle: "c\(number)@example.nl", country: "NL", language: "nl"),
            channel: .email, product_category: "photo-books", subject: "Order \(number)",
            body: String(repeating: "Where is my photo book? ", count: 340))
    }
}

/// A tmpfs of its own (mounting needs root, as the tests run here and in CI), with
/// a filler file that takes all but a little of its space.
final class SmallDisk: Sendable {
    let path: String
    private var filler: String { path + "/filler" }

    init(megabytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-disk-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
    }

    /// Writes the filler until `leaving` bytes are free.
    func fill(leaving: Int) throws {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { throw SmallDiskError("statvfs \(path): errno \(errno)") }
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        guard free > leaving else { throw SmallDiskError("only \(free) bytes free on \(path)") }
        guard FileManager.default.createFile(atPath: filler, contents: Data(count: free - leaving)) else {
            throw SmallDiskError("cannot write \(filler)")
        }
    }

    func free() throws { try FileManager.default.removeItem(atPath: filler) }

    func remove() {
        try? Self.run("/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SmallDiskError(
                "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus) (needs root)")
        }
    }
}

struct SmallDiskError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
