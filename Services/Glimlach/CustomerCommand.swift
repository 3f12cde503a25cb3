import ArgumentParser
import Bus
import Contract
import Foundation
import Wire

/// `glimlach customer export|erase ID`: a customer's privacy requests across the
/// services (docs/privacy.md).
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Export or erase one customer's data across tickets, feedback and channels (GDPR).",
        subcommands: [CustomerExportCommand.self, CustomerEraseCommand.self])
}

/// `glimlach customer export ID`: one JSON document with what each service holds.
struct CustomerExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print everything Glimlach holds about a customer as one JSON document.",
        discussion: """
            Tickets gives the customer's handles and tickets (messages, notes, gestures), feedback \
            their survey invitations, answers, compliments and opt-out, channels the conversations, \
            deliveries and attachments (bytes as base64) of those tickets.
              glimlach customer export cus-1 > cus-1.json
            """)

    @Argument(help: "The customer's id (see the ticket page, or tickets' GetCustomer).") var customerID: String
    @OptionGroup var bus: BusOptions

    func run() async throws {
        let document = try await withClient(bus) { client in
            try await CustomerExport.document(customerID, client: client, timeout: bus.timeoutDuration)
        }
        print(document)
    }
}

/// `glimlach customer erase ID --reason TEXT --yes`.
struct CustomerEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase what identifies a customer in every service; figures stay.",
        discussion: """
            Tickets blanks the customer's name, handles, subjects, messages and notes at once; \
            feedback and channels erase theirs when they apply tickets' customer.erased event, \
            which this command waits for. It cannot be undone.
              glimlach customer erase cus-1 --reason "request 2026-118 by e-mail" --yes
            """)

    @Argument(help: "The customer's id.") var customerID: String
    @Option(help: "Why: the request's reference, kept as the record that it was carried out.") var reason: String
    @Flag(help: "Erase without asking (required when standard input is not a terminal).") var yes = false
    @Option(help: "Seconds to wait for feedback and channels to erase theirs.") var wait: Double = 30
    @OptionGroup var bus: BusOptions

    func run() async throws {
        guard yes || confirmed() else {
            printError("not erased: pass --yes to erase customer \(customerID)")
            throw ExitCode(1)
        }
        let done = try await withClient(bus) { client in
            let erasure = CustomerErasure(customerID: customerID, client: client, timeout: bus.timeoutDuration)
            let tickets = try await erasure.eraseTickets(reason: reason)
            print("tickets: erased \(tickets.count) ticket(s) of \(customerID)")
            return try await erasure.waitForOthers(tickets: tickets, seconds: wait)
        }
        for (service, erased) in done {
            print("\(service): \(erased ? "erased" : "not yet; it erases when it applies the event")")
        }
        if done.contains(where: { !$0.erased }) { throw ExitCode(3) }
    }

    private func confirmed() -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        print("Erase customer \(customerID) in every service? This cannot be undone. Type the id to confirm: ")
        return readLine()?.trimmingCharacters(in: .whitespaces) == customerID
    }
}
