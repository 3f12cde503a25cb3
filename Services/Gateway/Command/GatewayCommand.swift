import ArgumentParser
import Bus
import Foundation
import Hummingbird
import Logging
import Observability
import ServiceLifecycle
import Stack

/// `gateway`: every public method of the services over HTTP and JSON.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway", abstract: "Serve the Glimlach HTTP/JSON API (docs/api.md).",
        subcommands: [Serve.self, CheckHealth.self], defaultSubcommand: Serve.self)
}

extension GatewayCommand {
    /// Serves HTTP until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the API (the default).")

        @OptionGroup var options: GatewayOptions

        func run() async throws {
            var logger = Logger(label: "gateway")
            logger.logLevel = Logger.Level(rawValue: options.logLevel) ?? .info
            if options.token == nil { logger.warning("--insecure-open: every caller is served without a token") }
            let client = BusClient(
                endpoint: options.bus, defaultTimeout: .milliseconds(options.timeoutMs), logger: logger)
            var metrics: [any Service] =
                options.metrics.isEmpty
                ? [] : [MetricsEndpoint(endpoint: options.metrics, registry: Observability.bootstrap(), logger: logger)]
            if let traces = try TraceExport.bootstrap(serviceName: "gateway") { metrics.append(traces) }
            let app = buildGatewayApplication(
                client: client, authenticator: IssuedTokenAuthenticator(operatorToken: options.token, client: client),
                host: options.httpHost, port: options.httpPort, services: metrics, logger: logger)
            do { try await app.runService() } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }

    /// Exits 0 when `/healthz` answers 200 (the compose healthcheck).
    struct CheckHealth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-health", abstract: "Exit 0 when the gateway answers GET /healthz with 200.")

        @Option(help: "The health URL.") var url = "http://127.0.0.1:8070/healthz"

        func run() async throws {
            guard await HTTPProbe.status(url) == 200 else {
                print("gateway: \(url) does not answer 200")
                throw ExitCode(1)
            }
        }
    }
}
