import Bus
import Foundation

/// A key pair per process and the broker's access list, written to one directory:
/// what a keyed stack needs (`glimlach up --secure`, keyed test stacks).
///
/// ```swift
/// let keys = try StackKeys.generate(peers: [.init(name: "staff", serves: ["staff"], calls: [])], in: directory)
/// // bus:   keys.busEnvironment   (its own key pair and the access list)
/// // staff: keys.environment(for: "staff")   (its own key pair and the bus's public key)
/// ```
public struct StackKeys: Sendable {
    /// Where `bus.key`, `<name>.key`/`.pub` and `access-list` are.
    public let directory: URL
    public let access: AccessList

    /// Writes a new key pair for the bus and for each peer, and the access list
    /// giving each peer exactly its rights.
    /// - Throws: a file error, or `ZMQError` when libzmq has no CURVE.
    public static func generate(peers: [AccessList.Peer.Rights], in directory: URL) throws -> StackKeys {
        try KeyFile.generate(name: "bus", in: directory)
        let listed = try peers.map { rights in
            let keys = try KeyFile.generate(name: rights.name, in: directory)
            return AccessList.Peer(
                name: rights.name, publicKey: keys.publicKey, serves: rights.serves, calls: rights.calls,
                assertsPerson: rights.assertsPerson)
        }
        let access = AccessList(peers: listed)
        let file = directory.appendingPathComponent("access-list")
        try access.text.write(to: file, atomically: true, encoding: .utf8)
        return StackKeys(directory: directory, access: access)
    }

    /// Keys for every peer of `definition` (its `accessRights`).
    /// - Throws: a file error, or `ZMQError` when libzmq has no CURVE.
    public static func generate(for definition: StackDefinition, in directory: URL) throws -> StackKeys {
        try generate(peers: definition.accessRights, in: directory)
    }

    /// The bus's settings: its key pair and the access list.
    public var busEnvironment: [String: String] {
        ["GLIMLACH_CURVE_KEY": path("bus.key"), "GLIMLACH_ACCESS_LIST": path("access-list")]
    }

    /// The settings of the peer called `name`: its own key pair and the bus's public key.
    public func environment(for name: String) -> [String: String] {
        ["GLIMLACH_CURVE_KEY": path("\(name).key"), "GLIMLACH_BUS_PUBLIC_KEY": path("bus.pub")]
    }

    /// `services` with their keys: the bus its own pair and the access list, every
    /// other process the pair named like its compose service.
    public func keyed(_ services: [NativeService]) -> [NativeService] {
        services.map { $0.adding(environment: $0.service == "bus" ? busEnvironment : environment(for: $0.service)) }
    }

    /// The peer's credentials, for a client in this process.
    /// - Throws: `KeyFileError` when its key files are missing.
    public func credentials(for name: String) throws -> CurveCredentials {
        CurveCredentials(
            keys: try KeyFile.keyPair(at: path("\(name).key")), serverKey: try KeyFile.publicKey(path("bus.pub")))
    }

    private func path(_ file: String) -> String { directory.appendingPathComponent(file).path }
}
