import ArgumentParser
import Bus
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import Observability
import ServiceLifecycle
import Stack

/// `web`: the customer's survey page and the team's happiness dashboard.
@main
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "Serve the Glimlach survey page and dashboard over HTTP.",
        subcommands: [Serve.self, HashPassword.self, CheckHealth.self], defaultSubcommand: Serve.self)
}

extension WebCommand {
    /// Serves HTTP until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the web front (the default).")

        @OptionGroup var options: WebOptions

        func run() async throws {
            var logger = Logger(label: "web")
            logger.logLevel = Logger.Level(rawValue: options.logLevel) ?? .info
            let users = try UserDirectory.load(options.users, logger: logger)
            let key = try SessionKey.load(
                inline: ProcessInfo.processInfo.environment["GLIMLACH_WEB_SESSION_KEY"], file: options.sessionKeyFile,
                logger: logger)
            let client = BusClient(endpoint: options.bus, logger: logger)
            let settings = WebSettings(
                users: users, key: key, timeZone: TimeZone(identifier: options.timeZone) ?? .gmt,
                secureCookies: options.secureCookies, chatCountry: options.chatCountry.uppercased(), oidc: options.oidc)
            var metrics: [any Service] =
                options.metrics.isEmpty
                ? [] : [MetricsEndpoint(endpoint: options.metrics, registry: Observability.bootstrap(), logger: logger)]
            if let traces = try TraceExport.bootstrap(serviceName: "web") { metrics.append(traces) }
            let app = buildWebApplication(
                client: client, settings: settings, host: options.httpHost, port: options.httpPort, services: metrics,
                logger: logger)
            do { try await app.runService() } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }

    /// Prints a bcrypt hash for a users-file line.
    struct HashPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-password",
            abstract: "Print `name:bcrypt-hash` for the users file (reads the password from stdin).")

        @Argument(help: "The user's name.") var name: String
        @Option(help: "bcrypt cost (4-31).") var cost: UInt8 = 12

        func run() throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("type the password on standard input")
            }
            guard !name.contains(":") else { throw ValidationError("a name cannot contain ':'") }
            print("\(name):\(Bcrypt.hash(password, cost: cost))")
        }
    }

    /// Exits 0 when `/healthz` answers 200 (the compose healthcheck); `--url
    /// .../healthz/ready` asks whether the web front also reaches the bus.
    struct CheckHealth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-health", abstract: "Exit 0 when the web front answers GET /healthz with 200.")

        @Option(help: "The health URL.") var url = "http://127.0.0.1:8080/healthz"

        func run() async throws {
            guard await HTTPProbe.status(url) == 200 else {
                print("web: \(url) does not answer 200")
                throw ExitCode(1)
            }
        }
    }
}
