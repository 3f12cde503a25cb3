import Foundation
import ZeroMQ

/// Who may use the bus: one known public key per line with what it may do.
///
/// ```
/// # name      public key (Z85)                           rights
/// staff       rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7   serve=staff call=tickets
/// tickets     ...                                        serve=tickets call=staff
/// glimlach    ...                                        call=*
/// ```
///
/// `serve=` lists the services the key may register a worker for; `call=` the
/// services it may call (`*`: any). Every listed key may use the broker's own
/// `bus` and `mmi.*` services and the event stream. Unlisted keys are refused
/// during the CURVE handshake.
public struct AccessList: Sendable, Equatable {
    public struct Peer: Sendable, Equatable {
        public let name: String
        public let publicKey: String
        public let serves: Set<String>
        public let calls: Set<String>

        public init(name: String, publicKey: String, serves: Set<String>, calls: Set<String>) {
            self.name = name
            self.publicKey = publicKey
            self.serves = serves
            self.calls = calls
        }
    }

    public let peers: [Peer]
    private let byKey: [String: Peer]
    private let byName: [String: Peer]

    public init(peers: [Peer]) {
        self.peers = peers
        byKey = Dictionary(peers.map { ($0.publicKey, $0) }) { first, _ in first }
        byName = Dictionary(peers.map { ($0.name, $0) }) { first, _ in first }
    }

    /// Parses the text of an access list.
    /// - Throws: `KeyFileError` naming the line and what is wrong.
    public init(text: String) throws {
        var peers: [Peer] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count >= 2, CurveKeyPair.isValidKey(words[1]) else {
                throw KeyFileError("access list line \(number + 1): needs a name and a 40-character Z85 public key")
            }
            var serves = Set<String>(), calls = Set<String>()
            for right in words.dropFirst(2) {
                let parts = right.split(separator: "=", maxSplits: 1).map(String.init)
                let names = Set(parts.count == 2 ? parts[1].split(separator: ",").map(String.init) : [])
                switch parts[0] {
                case "serve": serves.formUnion(names)
                case "call": calls.formUnion(names)
                default: throw KeyFileError("access list line \(number + 1): unknown right '\(right)' (serve=, call=)")
                }
            }
            peers.append(Peer(name: words[0], publicKey: words[1], serves: serves, calls: calls))
        }
        self.init(peers: peers)
    }

    /// Reads the access list at `path`.
    /// - Throws: `KeyFileError` naming the file or line.
    public init(contentsOf path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KeyFileError("\(path): cannot read the access list")
        }
        try self.init(text: text)
    }

    /// The peer with this public key, if it is let in.
    public func peer(publicKey: String) -> Peer? { byKey[publicKey] }

    /// Whether the peer called `name` may register a worker for `service`.
    public func may(_ name: String?, serve service: String) -> Bool {
        guard let name, let peer = byName[name] else { return false }
        return peer.serves.contains(service)
    }

    /// Whether the peer called `name` may call `service`.
    public func may(_ name: String?, call service: String) -> Bool {
        guard let name, let peer = byName[name] else { return false }
        return peer.calls.contains("*") || peer.calls.contains(service)
    }
}
