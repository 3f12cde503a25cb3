import ArgumentParser
import Bus
import Foundation
import Wire

/// `glimlach call SERVICE METHOD [JSON]`: any method, JSON in and out.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a method with a JSON request and print the JSON reply.",
        discussion: """
            The request is JSON with the proto field names (see `glimlach list SERVICE`); enums by \
            name or number, bytes as base64. Use - to read it from standard input.
              glimlach call staff GetEmployee '{"employee_id": "emp-1"}'
            --window sets a report's window to the time up to now; analytics reports without a \
            window answer for the last 30 days.
              glimlach call analytics GetNps '{"group_by": ["DIMENSION_CHANNEL"]}' --window 7d
            --as EMPLOYEE makes the call on behalf of that employee, so the service applies \
            their rights (who may read one-to-ones, approve an overrun).
              glimlach call staff ListOneToOneNotes '{"employee_id": "emp-1"}' --as emp-2
            On an error the status and message go to standard error and the exit code is 1.
            """)

    @Argument(help: "Service, e.g. tickets.") var service: String
    @Argument(help: "Method, e.g. GetTicket.") var method: String
    @Argument(help: "Request as JSON ({} when omitted, - for standard input).") var json: String?
    @OptionGroup var bus: BusOptions

    @Option(name: .customLong("header"), help: "Request metadata as key=value (repeatable).")
    var headers: [String] = []

    @Option(help: "The request's window: this long up to now, e.g. 7d (units h, d, w).")
    var window: RelativeWindow?

    @Option(help: "Idempotency key: a retried create returns the first result.")
    var idempotencyKey: String?

    @Option(
        name: .customLong("as"),
        help: "Act for this employee id: the service checks its rights as for them (a keyed bus needs asserts-person).")
    var actor: String?

    func run() async throws {
        guard let schema = ServiceSchema.named(service) else {
            printError("no service '\(service)'; services: \(ServiceSchema.all.map(\.busName).joined(separator: ", "))")
            throw ExitCode(2)
        }
        guard let method = schema.method(named: self.method) else {
            printError("\(service) has no method '\(self.method)'; run `glimlach list \(service)`")
            throw ExitCode(2)
        }
        var metadata: [String: String] = [:]
        for header in headers {
            guard let equals = header.firstIndex(of: "="), equals != header.startIndex else {
                printError("--header \(header): expected key=value")
                throw ExitCode(2)
            }
            metadata[String(header[..<equals])] = String(header[header.index(after: equals)...])
        }
        let payload: [UInt8]
        do {
            let text =
                json == "-"
                ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : json ?? ""
            var record = try WireJSON.record(from: text, as: method.request)
            if let window { record = try window.apply(to: record, of: method.request) }
            payload = try WireCodec.encode(record, as: method.request)
        } catch let error as WireError {
            printError("request \(method.request.fullName): \(error)")
            throw ExitCode(2)
        } catch let error as JSONSyntaxError {
            printError("request \(method.request.fullName) is not JSON: \(error)")
            throw ExitCode(2)
        } catch let error as ValidationError {
            printError(error.message)
            throw ExitCode(2)
        }
        let options = CallOptions(
            timeout: bus.timeoutDuration, idempotencyKey: idempotencyKey, metadata: metadata, actor: actor)
        let reply = try await withClient(bus) { client in
            try await client.call(service: service, method: method.name, payload: payload, options: options)
        }
        print(WireJSON.text(of: try WireCodec.decode(reply, as: method.reply), as: method.reply))
    }
}
