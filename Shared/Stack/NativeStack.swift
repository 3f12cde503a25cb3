import Foundation

/// A compose service as a native process on this machine: the host `bus` and
/// 0.0.0.0 become 127.0.0.1, compose ports may be moved to others (tests use free
/// ones), and each named volume becomes a folder of one data directory.
public struct NativeService: Sendable {
    /// The compose service, e.g. "analytics".
    public let service: String
    /// Distinguishes replicas: "analytics-2".
    public let name: String
    public let executable: String
    public let arguments: [String]
    public let environment: [String: String]
    /// Polled for 200 to tell the process serves, when it serves HTTP instead of the bus.
    public var healthURL: String? = nil
    /// What `StackRunner.supervise` does when the process exits.
    public var restart: RestartPolicy = .no

    /// The same process with `overrides` added to its environment.
    public func adding(environment overrides: [String: String]) -> NativeService {
        NativeService(
            service: service, name: name, executable: executable, arguments: arguments,
            environment: environment.merging(overrides) { $1 }, healthURL: healthURL, restart: restart)
    }
}

extension StackDefinition {
    /// - Parameters:
    ///   - dataDirectory: where the named volumes live, one folder each.
    ///   - ports: compose port -> port to use instead.
    ///   - replicas: instances per service (default 1), like `--scale`.
    ///   - metricsBasePort: processes that serve metrics (`GLIMLACH_METRICS_ENDPOINT`)
    ///     get 127.0.0.1 and this port, the next and so on, in start order, since
    ///     they share one host; nil turns metrics off.
    public func native(
        dataDirectory: URL, ports: [Int: Int] = [:], replicas: [String: Int] = [:], metricsBasePort: Int? = nil
    ) -> [NativeService] {
        var nextMetricsPort = metricsBasePort
        return services.flatMap { service -> [NativeService] in
            let environment = service.environment.mapValues { value in
                Self.loopback(Self.volumePath(value, service.volumes, dataDirectory), ports: ports)
            }
            let count = max(replicas[service.name] ?? 1, 0)
            return (0..<count).map { index in
                var environment = environment
                if environment[Self.metricsKey] != nil {
                    environment[Self.metricsKey] = nextMetricsPort.map { "tcp://127.0.0.1:\($0)" }
                    nextMetricsPort = nextMetricsPort.map { $0 + 1 }
                }
                return NativeService(
                    service: service.name, name: count > 1 ? "\(service.name)-\(index + 1)" : service.name,
                    executable: service.command[0], arguments: Array(service.command.dropFirst()),
                    environment: environment,
                    healthURL: service.healthURL.map { Self.loopbackHTTP($0, ports: ports) }, restart: service.restart)
            }
        }
    }

    static let metricsKey = "GLIMLACH_METRICS_ENDPOINT"

    /// Volumes the services use, as folders of `dataDirectory`.
    public func volumeDirectories(in dataDirectory: URL) -> [URL] {
        Set(services.flatMap(\.volumes).map(\.name)).sorted().map { dataDirectory.appendingPathComponent($0) }
    }

    static func loopback(_ value: String, ports: [Int: Int]) -> String {
        if value == "0.0.0.0" { return "127.0.0.1" }
        // A bare port (GLIMLACH_WEB_PORT: "8080") moves like the endpoints do.
        if let port = Int(value), let moved = ports[port] { return String(moved) }
        for host in ["tcp://bus:", "tcp://0.0.0.0:", "tcp://localhost:", "tcp://127.0.0.1:"] where value.hasPrefix(host)
        {
            let port = Int(value.dropFirst(host.count)) ?? 0
            return "tcp://127.0.0.1:\(ports[port] ?? port)"
        }
        return value
    }

    /// `http://host:port/...` with the host on loopback and the port moved as `ports` says.
    static func loopbackHTTP(_ url: String, ports: [Int: Int]) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.host = "127.0.0.1"
        if let port = components.port, let moved = ports[port] { components.port = moved }
        return components.string ?? url
    }

    static func volumePath(_ value: String, _ volumes: [Volume], _ dataDirectory: URL) -> String {
        for volume in volumes where value == volume.target || value.hasPrefix(volume.target + "/") {
            return dataDirectory.appendingPathComponent(volume.name).path + value.dropFirst(volume.target.count)
        }
        return value
    }
}
