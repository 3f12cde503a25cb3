import Foundation
import Stack
import TestSupport
import Testing

/// A private PostgreSQL cluster (`LocalPostgres`) and the tests' shared one (`TestPostgres`).
@Suite(
    "PostgreSQL for tests and the local stack", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: TestBackend.isPostgres))
struct LocalPostgresTests {
    @Test("freshDatabase gives a new, empty database each call, reachable with psql at its URL")
    func freshDatabases() async throws {
        let first = try await freshDatabase()
        let second = try await freshDatabase()
        #expect(first != second)
        let server = try await TestPostgres.server()
        #expect(first.hasPrefix("postgres://glimlach@127.0.0.1:\(server.port)/test_"))
        let psql = server.binDirectory.appendingPathComponent("psql")
        let select = try await CommandRun.run(executable: psql, ["-X", "-At", "-d", first, "-c", "select 1"])
        #expect(select.status == 0 && select.output == "1\n", "\(select.errors)")
        let empty = try await CommandRun.run(
            executable: psql,
            [
                "-X", "-At", "-d", second, "-c",
                "select count(*) from pg_class where relnamespace = 'public'::regnamespace",
            ])
        #expect(empty.output == "0\n", "\(empty.errors)")
        // A table made in one is not in the other.
        let made = try await CommandRun.run(
            executable: psql, ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", first, "-c", "create table marker (id int)"])
        #expect(made.status == 0, "\(made.errors)")
        let other = try await CommandRun.run(
            executable: psql, ["-X", "-At", "-d", second, "-c", "select to_regclass('marker') is null"])
        #expect(other.output == "t\n", "\(other.errors)")
    }

    @Test(
        "the tests' server is a process of its own with the temporary directory as its data, loopback only, and skips fsync (thrown away at exit)"
    )
    func testServerProcess() async throws {
        let server = try await TestPostgres.server()
        #expect(server.directory.path.hasPrefix(FileManager.default.temporaryDirectory.standardizedFileURL.path))
        let pid = try #require(server.pid)
        let arguments = commandLine(of: pid)
        #expect(arguments.first?.hasSuffix("/bin/postgres") == true, "\(arguments)")
        #expect(arguments.firstIndex(of: "-D").map { arguments[$0 + 1] } == server.directory.path, "\(arguments)")
        let settings = try await server.query(
            "select current_setting('data_directory'), current_setting('fsync'), "
                + "current_setting('synchronous_commit'), current_setting('listen_addresses'), current_user, "
                + "current_setting('max_connections'), current_setting('unix_socket_directories')")
        #expect(settings == "\(server.directory.path)|off|off|127.0.0.1|glimlach|1000|\(server.directory.path)")
        #expect(
            FileManager.default.fileExists(
                atPath: server.directory.appendingPathComponent(".s.PGSQL.\(server.port)").path))
        if geteuid() == 0 {
            #expect(owner(of: pid) == "postgres", "PostgreSQL refuses root; it runs as postgres")
        }
    }

    @Test(
        "start makes the cluster once: a database outlives stop and start; createDatabase twice is fine; a long path goes without a socket"
    )
    func restartKeepsTheCluster() async throws {
        // Too long for a unix socket's path (107 bytes): TCP only.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-pg-\(UUID().uuidString)-" + String(repeating: "x", count: 64))
        defer { try? FileManager.default.removeItem(at: directory) }
        let postgres = try LocalPostgres(
            directory: directory, port: try freePort(), settings: ["work_mem": "8MB", "fsync": "off"])
        try await postgres.start()
        try await postgres.createDatabase("tickets")
        try await postgres.createDatabase("tickets")
        _ = try await postgres.query("create table kept (id int); insert into kept values (7)", database: "tickets")
        let pid = try #require(postgres.pid)
        await postgres.stop()
        #expect(postgres.pid == nil)
        #expect(kill(pid, 0) != 0, "the server process is gone after stop")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("postmaster.pid").path))

        try await postgres.start()
        #expect(try await postgres.query("select id from kept", database: "tickets") == "7")
        #expect(
            try await postgres.query("select current_setting('work_mem'), current_setting('fsync')") == "8MB|on",
            "settings are added, the durable ones stay")
        #expect(try await postgres.query("select current_setting('unix_socket_directories')") == "")
        #expect(try String(contentsOf: postgres.logFile, encoding: .utf8).contains("database system is shut down"))
        await postgres.stop()
    }

    @Test("a port already taken: start fails with the log's reason and leaves no server")
    func portTaken() async throws {
        let taken = try await TestPostgres.server().port
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let postgres = try LocalPostgres(directory: directory, port: taken)
        let error = await #expect(throws: StackError.self) { try await postgres.start() }
        #expect(error?.description.contains("exited at start") == true, "\(String(describing: error))")
        #expect(error?.description.contains("could not bind IPv4 address") == true, "\(String(describing: error))")
        #expect(postgres.pid == nil)
    }

    @Test("bad input is refused with a clear reason: a database name, no PostgreSQL installed")
    func refusals() async throws {
        let server = try await TestPostgres.server()
        for name in ["Tickets", "1st", "a-b", "x; drop database postgres", String(repeating: "a", count: 64)] {
            let error = await #expect(throws: StackError.self) { try await server.createDatabase(name) }
            #expect(error?.description.contains("database name '\(name)'") == true)
        }
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-postgres-\(UUID().uuidString)")
        let error = #expect(throws: StackError.self) { try LocalPostgres.installedBinDirectory(under: nowhere) }
        #expect(error?.description.contains("run scripts/bootstrap") == true)
        #expect(try LocalPostgres.installedBinDirectory().path.hasPrefix("/usr/lib/postgresql/"))
    }
}

/// The command line of process `pid`, from /proc.
func commandLine(of pid: Int32) -> [String] {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
    return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
}

/// The name of the user process `pid` runs as.
func owner(of pid: Int32) -> String? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
        let uid = line.split(separator: "\t").dropFirst().first.flatMap({ UInt32($0) }),
        let entry = getpwuid(uid)
    else { return nil }
    return String(cString: entry.pointee.pw_name)
}
