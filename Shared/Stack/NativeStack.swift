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

    /// The same process with `overrides` added to its environment.
    public func adding(environment overrides: [String: String]) -> NativeService {
        NativeService(
            service: service, name: name, executable: executable, arguments: arguments,
            environment: environment.merging(overrides) { $1 })
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
                    environment: environment)
            }
        }
    }

    static let metricsKey = "GLIMLACH_METRICS_ENDPOINT"

    /// Volumes the services use, as folders of `dataDirectory`.
    public func volumeDirectories(in dataDirectory: URL) -> [URL] {
        Set(services.flatMap(\.volumes).map(\.name)).sorted().map { dataDirectory.appendingPathComponent($0) }
    }

    static func loopback(_ value: String, ports: [Int: Int]) -> String {
        for host in ["tcp://bus:", "tcp://0.0.0.0:", "tcp://localhost:", "tcp://127.0.0.1:"] where value.hasPrefix(host) {
            let port = Int(value.dropFirst(host.count)) ?? 0
            return "tcp://127.0.0.1:\(ports[port] ?? port)"
        }
        return value
    }

    static func volumePath(_ value: String, _ volumes: [Volume], _ dataDirectory: URL) -> String {
        for volume in volumes where value == volume.target || value.hasPrefix(volume.target + "/") {
            return dataDirectory.appendingPathComponent(volume.name).path + value.dropFirst(volume.target.count)
        }
        return value
    }
}
