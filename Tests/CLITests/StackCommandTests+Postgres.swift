import Foundation
import Stack
import TestSupport
import Testing

extension StackCommandTests {
    @Test(
        "up --postgres runs PostgreSQL in DATA/postgres with the tickets, staff, channels, feedback and webhooks databases, keeps them there, and stops it after the services",
        .enabled(if: TestBackend.isPostgres))
    func upPostgres() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let (stack, offset) = try await Self.startUp(
            ["--postgres"], data: data, environment: ["GLIMLACH_LOG_LEVEL": "warning"])
        let directory = data.appendingPathComponent("postgres").path
        let server = try #require(childProcess(of: stack.pid, named: "postgres"), "no postgres under glimlach up")
        let arguments = commandLine(of: server)
        #expect(arguments.firstIndex(of: "-D").map { arguments[$0 + 1] } == directory, "\(arguments)")
        #expect(postgresProcesses(in: directory) == [server])

        let url = "postgres://glimlach@127.0.0.1:\(5570 + offset)/tickets"
        let psql = try LocalPostgres.installedBinDirectory().appendingPathComponent("psql")
        let tickets = try await CommandRun.run(
            executable: psql,
            ["-X", "-At", "-d", url, "-c", "select current_database(), current_setting('data_directory')"])
        #expect(tickets.status == 0 && tickets.output == "tickets|\(directory)\n", "\(tickets.errors)")
        let ticketsProcess = try #require(childProcess(of: stack.pid, named: "tickets"))
        #expect(environment(of: ticketsProcess)["GLIMLACH_DATABASE_URL"] == url)
        let staffURL = "postgres://glimlach@127.0.0.1:\(5570 + offset)/staff"
        let staff = try #require(childProcess(of: stack.pid, named: "staff"))
        #expect(environment(of: staff)["GLIMLACH_DATABASE_URL"] == staffURL)
        let channelsURL = "postgres://glimlach@127.0.0.1:\(5570 + offset)/channels"
        let channels = try #require(childProcess(of: stack.pid, named: "channels"))
        #expect(environment(of: channels)["GLIMLACH_DATABASE_URL"] == channelsURL)
        let feedbackURL = "postgres://glimlach@127.0.0.1:\(5570 + offset)/feedback"
        let feedback = try #require(childProcess(of: stack.pid, named: "feedback"))
        #expect(environment(of: feedback)["GLIMLACH_DATABASE_URL"] == feedbackURL)
        let webhooksURL = "postgres://glimlach@127.0.0.1:\(5570 + offset)/webhooks"
        let webhooks = try #require(childProcess(of: stack.pid, named: "webhooks"))
        #expect(environment(of: webhooks)["GLIMLACH_DATABASE_URL"] == webhooksURL)
        // A ticket created through the bus is a row in PostgreSQL, with its event in the outbox there.
        let created = try await CommandRun.run(
            "glimlach",
            [
                "call", "tickets", "CreateTicket",
                #"{"customer": {"name": "Anna", "handle": "anna@example.nl", "country": "NL"}, "channel": "CHANNEL_EMAIL", "product_category": "books", "subject": "Where is my book?"}"#,
                "--bus", "tcp://127.0.0.1:\(5555 + offset)",
            ])
        #expect(created.status == 0, "\(created.output)\(created.errors)")
        let rows = try await CommandRun.run(
            executable: psql,
            [
                "-X", "-At", "-d", url, "-c",
                "select (select count(*) from ticket) || ' ' || (select string_agg(type, ',') from outbox)",
            ])
        #expect(rows.output == "1 ticket.created\n", "\(rows.output)\(rows.errors)")
        // So is an employee created through the bus, in staff's own database.
        let hired = try await CommandRun.run(
            "glimlach",
            [
                "call", "staff", "CreateEmployee", #"{"name": "Wim", "status": "EMPLOYEE_STATUS_ACTIVE"}"#,
                "--bus", "tcp://127.0.0.1:\(5555 + offset)",
            ])
        #expect(hired.status == 0, "\(hired.output)\(hired.errors)")
        let staffRows = try await CommandRun.run(
            executable: psql,
            [
                "-X", "-At", "-d", staffURL, "-c",
                "select (select string_agg(name, ',') from employee) || ' ' || (select string_agg(type, ',') from outbox)",
            ])
        #expect(staffRows.output == "Wim employee.created\n", "\(staffRows.output)\(staffRows.errors)")
        // Channels, serving, noted in its own database when it began following the others' events.
        let channelsRows = try await CommandRun.run(
            executable: psql, ["-X", "-At", "-d", channelsURL, "-c", "select name from setting"])
        #expect(channelsRows.output == "following-since-ms\n", "\(channelsRows.output)\(channelsRows.errors)")
        // And an answer given through the bus, in feedback's.
        let answered = try await CommandRun.run(
            "glimlach",
            [
                "call", "feedback", "SubmitResponse",
                #"{"score": 9, "attribution": {"touchpoint": "delivery"}, "customer_id": "cus-wim"}"#,
                "--bus", "tcp://127.0.0.1:\(5555 + offset)",
            ])
        #expect(answered.status == 0, "\(answered.output)\(answered.errors)")
        let feedbackRows = try await CommandRun.run(
            executable: psql,
            [
                "-X", "-At", "-d", feedbackURL, "-c",
                "select (select string_agg(customer_id, ',') from response) || ' ' || (select string_agg(type, ',') from outbox)",
            ])
        #expect(
            feedbackRows.output == "cus-wim response.submitted\n", "\(feedbackRows.output)\(feedbackRows.errors)")
        // And a subscription made through the bus (owned by Wim, whom webhooks checks with staff), in webhooks'.
        let employee = try JSONSerialization.jsonObject(with: Data(hired.output.utf8)) as? [String: Any]
        let wim = try #require(
            (employee?["employee"] as? [String: Any])?["employee_id"] as? String, "no employee in \(hired.output)")
        let subscribed = try await CommandRun.run(
            "glimlach",
            [
                "call", "webhooks", "CreateSubscription",
                #"{"url": "https://crm.example.com/hook", "event_types": ["ticket.resolved"], "owner_id": "\#(wim)"}"#,
                "--bus", "tcp://127.0.0.1:\(5555 + offset)",
            ])
        #expect(subscribed.status == 0, "\(subscribed.output)\(subscribed.errors)")
        let webhooksRows = try await CommandRun.run(
            executable: psql,
            [
                "-X", "-At", "-d", webhooksURL, "-c",
                "select (select string_agg(owner_id, ',') from subscription) || ' ' || (select string_agg(type, ',') from outbox)",
            ])
        #expect(
            webhooksRows.output == "\(wim) subscription.created\n", "\(webhooksRows.output)\(webhooksRows.errors)")

        stack.interrupt()
        #expect(try await stack.waitForExit(timeout: .seconds(60)) == 0)
        let output = stack.output
        let stopped = try #require(output.range(of: "glimlach up: PostgreSQL stopped"), "\(output)")
        let busStopped = try #require(output.range(of: "stopping services, then the bus, then PostgreSQL"))
        #expect(busStopped.upperBound < stopped.lowerBound)
        #expect(postgresProcesses(in: directory).isEmpty, "a postgres of \(directory) survived glimlach up")
        #expect(
            try String(contentsOfFile: directory + "/postgres.log", encoding: .utf8).contains(
                "database system is shut down"))
    }

    @Test("up --postgres whose services cannot start stops PostgreSQL too and exits 1")
    func upPostgresFailedStart() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let noPrograms = data.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: noPrograms, withIntermediateDirectories: true)
        let run = try await CommandRun.run(
            "glimlach",
            [
                "up", "--postgres", "--data-dir", data.path, "--compose", Self.composeFile, "--bin-dir",
                noPrograms.path, "--port-offset", "\(Int.random(in: 4_000...24_000))", "--metrics-port", "0",
            ], timeout: .seconds(60))
        #expect(run.status == 1)
        #expect(run.output.contains("glimlach up: PostgreSQL serves on"), "\(run.output)\(run.errors)")
        #expect(run.output.contains("stopping"), "\(run.output)")
        let directory = data.appendingPathComponent("postgres").path
        #expect(FileManager.default.fileExists(atPath: directory + "/PG_VERSION"))
        #expect(postgresProcesses(in: directory).isEmpty, "a postgres of \(directory) survived glimlach up")
    }
}

/// Every process running `postgres` with data directory `directory` (postmasters only).
func postgresProcesses(in directory: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        let arguments = commandLine(of: pid)
        return arguments.first?.hasSuffix("postgres") == true
            && arguments.firstIndex(of: "-D").map {
                arguments.indices.contains($0 + 1) && arguments[$0 + 1] == directory
            }
                == true
    }.sorted()
}

@Suite("glimlach backup and PostgreSQL")
struct BackupPostgresTests {
    @Test("backup leaves DATA/postgres (a running cluster's files are no consistent copy) and takes the rest")
    func backupSkipsTheCluster() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        for (path, text) in [
            ("web-config/users", "someone"), ("postgres/PG_VERSION", "15"), ("postgres/base/1/1259", "x"),
        ] {
            let file = data.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let target = root.appendingPathComponent("backup")
        let run = try await CommandRun.run("glimlach", ["backup", "--data-dir", data.path, "--to", target.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("web-config/users").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("postgres").path))
        let manifest = try String(contentsOf: target.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(!manifest.contains("postgres/"))
    }
}
