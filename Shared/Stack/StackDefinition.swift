import Bus
import Foundation
import Yams

/// The services of compose/docker-compose.yml, in an order that starts every
/// service after the ones it depends on.
public struct StackDefinition: Sendable {
    public struct Service: Sendable, Equatable {
        public let name: String
        /// The executable and its arguments.
        public let command: [String]
        public let environment: [String: String]
        /// Named volumes and where the container mounts them.
        public let volumes: [Volume]
        public let dependsOn: [String]
        /// The `http://` URL in the service's healthcheck, for a service that serves
        /// HTTP instead of the bus (the web front); nil for bus services.
        public var healthURL: String? = nil
        /// What the service's key may do on a keyed bus, from its `x-glimlach-rights`
        /// (access-list rights: `serve=tickets call=staff.GetEmployee`); nil for the bus.
        public var rights: AccessList.Peer.Rights? = nil
        /// What `glimlach up` does when the process exits while the stack runs.
        public var restart: RestartPolicy = .no
    }

    public struct Volume: Sendable, Equatable {
        public let name: String
        public let target: String
    }

    public let services: [Service]

    /// Parses a compose file (YAML anchors and merge keys included).
    /// - Throws: `StackError` naming what is missing or malformed.
    public init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any], let entries = root["services"] as? [String: Any]
        else { throw StackError("the compose file has no services") }
        let parsed = try entries.map { name, value in
            guard let entry = value as? [String: Any] else { throw StackError("service \(name) is not a mapping") }
            return try Self.service(name, entry)
        }
        services = try Self.startOrder(parsed)
    }

    /// Reads and parses the compose file at `path`.
    public init(contentsOf path: URL) throws {
        try self.init(yaml: String(contentsOf: path, encoding: .utf8))
    }

    public func service(_ name: String) -> Service? { services.first { $0.name == name } }

    /// The compose extension that holds a service's rights on a keyed bus.
    public static let rightsKey = "x-glimlach-rights"

    /// The operator's command-line tool on a keyed stack: it may call anything, also
    /// on behalf of an employee.
    public static let operatorRights = AccessList.Peer.Rights(name: "glimlach", calls: ["*"], assertsPerson: true)

    /// Every peer of a keyed stack with its least rights: each service that declares
    /// them, then the operator's `glimlach`.
    public var accessRights: [AccessList.Peer.Rights] {
        services.compactMap(\.rights) + [Self.operatorRights]
    }

    private static func service(_ name: String, _ entry: [String: Any]) throws -> Service {
        let command: [String]
        switch entry["command"] {
        case let list as [Any]: command = list.map { "\($0)" }
        case let text as String: command = text.split(separator: " ").map(String.init)
        default: throw StackError("service \(name) has no command")
        }
        var environment: [String: String] = [:]
        switch entry["environment"] {
        case let map as [String: Any]: for (key, value) in map { environment[key] = "\(value)" }
        case let list as [Any]:
            for item in list.map({ "\($0)" }) {
                let parts = item.split(separator: "=", maxSplits: 1)
                environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
        default: break
        }
        let volumes = (entry["volumes"] as? [Any] ?? []).compactMap { item -> Volume? in
            let parts = "\(item)".split(separator: ":")
            guard parts.count >= 2, !parts[0].hasPrefix("/"), !parts[0].hasPrefix(".") else { return nil }
            return Volume(name: String(parts[0]), target: String(parts[1]))
        }
        let dependsOn: [String]
        switch entry["depends_on"] {
        case let map as [String: Any]: dependsOn = map.keys.sorted()
        case let list as [Any]: dependsOn = list.map { "\($0)" }
        default: dependsOn = []
        }
        let test = (entry["healthcheck"] as? [String: Any])?["test"] as? [Any] ?? []
        let healthURL = test.map { "\($0)" }.first { $0.hasPrefix("http://") }
        var rights: AccessList.Peer.Rights?
        if let words = entry[rightsKey] as? String {
            do {
                rights = try AccessList.Peer.Rights(name: name, words: words.split(separator: " ").map(String.init))
            } catch { throw StackError("service \(name): \(rightsKey): \(error)") }
        }
        return Service(
            name: name, command: command, environment: environment, volumes: volumes, dependsOn: dependsOn,
            healthURL: healthURL, rights: rights,
            restart: try RestartPolicy(compose: entry["restart"], service: name))
    }

    /// Dependencies first; ties by name, so the order is the same on every run.
    private static func startOrder(_ services: [Service]) throws -> [Service] {
        var remaining = Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0) })
        var ordered: [Service] = []
        while !remaining.isEmpty {
            let started = Set(ordered.map(\.name))
            guard
                let next = remaining.values.filter({ Set($0.dependsOn).isSubset(of: started) }).min(by: {
                    $0.name < $1.name
                })
            else { throw StackError("depends_on has a cycle among \(remaining.keys.sorted().joined(separator: ", "))") }
            ordered.append(next)
            remaining[next.name] = nil
        }
        return ordered
    }
}

public struct StackError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
