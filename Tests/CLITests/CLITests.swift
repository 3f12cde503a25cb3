import Foundation
import TestSupport
import Testing

/// `glimlach` through the real binary, against a real bus and service process.
@Suite("The glimlach tool", .serialized)
struct CLITests {
    private func glimlach(_ arguments: [String], stack: ProcessStack? = nil, input: String? = nil) async throws
        -> CommandRun
    {
        try await CommandRun.run(
            "glimlach", arguments, environment: stack.map { ["GLIMLACH_BUS_ENDPOINT": $0.endpoint] } ?? [:],
            input: input)
    }

    @Test("--help works for the tool and every command")
    func help() async throws {
        let root = try await glimlach(["--help"])
        #expect(root.status == 0)
        for command in ["call", "list", "services", "health"] {
            #expect(root.output.contains(command))
            let help = try await glimlach([command, "--help"])
            #expect(help.status == 0 && help.output.contains("USAGE: glimlach \(command)"))
        }
    }

    @Test("list shows every service with its methods, and a service's request and reply fields")
    func list() async throws {
        let all = try await glimlach(["list"])
        #expect(all.status == 0)
        for service in ["analytics", "bus", "feedback", "staff", "tickets"] {
            #expect(all.output.contains("\(service)  ("))
        }
        #expect(
            all.output.contains(
                "ResolveTicket(glimlach.tickets.ResolveTicketRequest) -> glimlach.tickets.ResolveTicketReply"))
        let staff = try await glimlach(["list", "staff"])
        #expect(staff.output.contains("SpendBudget\n  request glimlach.staff.SpendBudgetRequest"))
        #expect(staff.output.contains("    amount: glimlach.Money"))
        let unknown = try await glimlach(["list", "nosuch"])
        #expect(unknown.status == 2 && unknown.errors.contains("no service 'nosuch'"))
    }

    @Test("call sends JSON and prints the JSON reply; errors print the status and exit 1")
    func call() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let health = try await glimlach(["call", "staff", "Health"], stack: stack)
        #expect(health.status == 0)
        #expect(
            health.output.contains("\"service\": \"staff\"") && health.output.contains("\"SERVING_STATUS_SERVING\""))
        let replay = try await glimlach(
            ["call", "staff", "Since", "-", "--timeout", "2"], stack: stack,
            input: #"{"after_sequence": "0", "limit": 10}"#)
        #expect(replay.status == 0 && replay.output.contains("\"last_sequence\""))
        // A request field that does not exist is refused before anything is sent.
        let typo = try await glimlach(["call", "staff", "Since", #"{"after": 1}"#], stack: stack)
        #expect(typo.status == 2 && typo.errors.contains("has no field 'after'"))
        let wrongType = try await glimlach(["call", "staff", "Since", #"{"after_sequence": "soon"}"#], stack: stack)
        #expect(wrongType.status == 2 && wrongType.errors.contains("after_sequence"))
        // A status from the service: exit 1 with the code and message.
        let missing = try await glimlach(["call", "staff", "NoSuchMethod"], stack: stack)
        #expect(missing.status == 2 && missing.errors.contains("no method 'NoSuchMethod'"))
        let nobody = try await glimlach(["call", "analytics", "Health", "--timeout", "0.5"], stack: stack)
        #expect(nobody.status == 1 && nobody.errors.contains("UNAVAILABLE"))
        await stack.shutdown()
    }

    @Test("call --as acts for an employee: the service checks that person's rights")
    func callAs() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let request = #"{"employee_id": "emp-0000000000000001"}"#
        let asOperator = try await glimlach(["call", "staff", "GetPlan", request], stack: stack)
        #expect(asOperator.status == 1 && asOperator.errors.contains("NOT_FOUND"))
        let asNobody = try await glimlach(["call", "staff", "GetPlan", request, "--as", "emp-nobody"], stack: stack)
        #expect(asNobody.status == 1 && asNobody.errors.contains("PERMISSION_DENIED"))
        #expect(asNobody.errors.contains("acting_employee_id"))
        await stack.shutdown()
    }

    @Test("services lists live workers; health reports each service and fails when one is down")
    func servicesAndHealth() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        try await stack.start("tickets")
        let services = try await glimlach(["services"], stack: stack)
        #expect(services.status == 0)
        let staffRow = services.output.split(separator: "\n").first { $0.hasPrefix("staff ") }
        #expect(staffRow?.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first == "1")
        let one = try await glimlach(["health", "tickets"], stack: stack)
        #expect(one.status == 0 && one.output.contains("tickets") && one.output.contains("SERVING"))
        let all = try await glimlach(["health", "--timeout", "0.5"], stack: stack)
        #expect(all.status == 1, "analytics and feedback are not running")
        #expect(all.output.contains("feedback   UNAVAILABLE"))
        await stack.shutdown()
    }
}
