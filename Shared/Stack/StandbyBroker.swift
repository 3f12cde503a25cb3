import Bus

extension Array where Element == NativeService {
    /// The stack with a second broker, `bus-standby`, on the bus's ports moved by
    /// `portShift` (5565-5567 for 5555-5557), and every other process given both
    /// brokers: clients send to the brokers that are up, each service registers a
    /// worker with both, and events go out through both (docs/operating.md).
    public func withStandbyBroker(portShift: Int = 10) -> [NativeService] {
        guard let bus = first(where: { $0.service == "bus" }) else { return self }
        let variables = ["GLIMLACH_BUS_ENDPOINT", "GLIMLACH_EVENTS_IN", "GLIMLACH_EVENTS_OUT"]
        var standbyEnvironment = bus.environment
        for variable in variables {
            standbyEnvironment[variable] = bus.environment[variable].map { shifted($0, portShift) }
        }
        if let metrics = bus.environment["GLIMLACH_METRICS_ENDPOINT"] {
            let used = compactMap { $0.environment["GLIMLACH_METRICS_ENDPOINT"].flatMap(port) }
            standbyEnvironment["GLIMLACH_METRICS_ENDPOINT"] = replacingPort(metrics, (used.max() ?? 9100) + 1)
        }
        let standby = NativeService(
            service: "bus", name: "bus-standby", executable: bus.executable, arguments: bus.arguments,
            environment: standbyEnvironment, healthURL: bus.healthURL, restart: bus.restart)
        let others = filter { $0.service != "bus" }.map { service in
            var both: [String: String] = [:]
            for variable in variables {
                guard let endpoint = service.environment[variable] else { continue }
                both[variable] = endpoint + "," + shifted(endpoint, portShift)
            }
            return service.adding(environment: both)
        }
        return [bus, standby] + others
    }
}

private func port(_ endpoint: String) -> Int? {
    endpoint.lastIndex(of: ":").flatMap { Int(endpoint[endpoint.index(after: $0)...]) }
}

private func replacingPort(_ endpoint: String, _ port: Int) -> String {
    guard let colon = endpoint.lastIndex(of: ":") else { return endpoint }
    return endpoint[..<colon] + ":\(port)"
}

private func shifted(_ endpoint: String, _ shift: Int) -> String {
    port(endpoint).map { replacingPort(endpoint, $0 + shift) } ?? endpoint
}
