import Foundation
import ZeroMQ

/// Who may use the bus: one known public key per line with what it may do.
///
/// ```
/// # name      public key (Z85)                           rights
/// staff       rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7   serve=staff
/// feedback    ...                                        serve=feedback call=tickets.Since,tickets.OpenFollowUp
/// web         ...                                        call=feedback.SubmitResponse,analytics asserts-person
/// glimlach    ...                                        call=* asserts-person
/// ```
///
/// `serve=` lists the services the key may register a worker for (and call); `call=`
/// what it may call: a whole service (`analytics`), one method (`feedback.SubmitResponse`)
/// or anything (`*`). `asserts-person` lets the key name the employee a call acts for
/// (`RequestHeader.acting_employee_id`); the broker removes that field from the
/// requests of every other key, so they are the calls of a service. Every listed key may use the broker's own
/// `bus` and `mmi.*` services and subscribe to events; it may publish only the
/// events of the services it serves (topics `<service>.`). Unlisted keys are
/// refused during the CURVE handshake.
public struct AccessList: Sendable, Equatable {
    public struct Peer: Sendable, Equatable {
        public let name: String
        public let publicKey: String
        public let serves: Set<String>
        public let calls: Set<String>
        /// May name the person a call acts for.
        public let assertsPerson: Bool

        public init(
            name: String, publicKey: String, serves: Set<String>, calls: Set<String>, assertsPerson: Bool = false
        ) {
            self.name = name
            self.publicKey = publicKey
            self.serves = serves
            self.calls = calls
            self.assertsPerson = assertsPerson
        }

        /// A peer's rights before it has a key (to generate one for it).
        public struct Rights: Sendable, Equatable {
            public let name: String
            public let serves: Set<String>
            public let calls: Set<String>
            public let assertsPerson: Bool

            public init(name: String, serves: Set<String> = [], calls: Set<String> = [], assertsPerson: Bool = false) {
                self.name = name
                self.serves = serves
                self.calls = calls
                self.assertsPerson = assertsPerson
            }

            /// Parses rights words as an access list line has them:
            /// `serve=a,b call=c,d.Method asserts-person`.
            /// - Throws: `KeyFileError` naming the word that is not a right.
            public init(name: String, words: some Sequence<String>) throws {
                var serves = Set<String>(), calls = Set<String>(), assertsPerson = false
                for right in words {
                    let parts = right.split(separator: "=", maxSplits: 1).map(String.init)
                    let names = Set(parts.count == 2 ? parts[1].split(separator: ",").map(String.init) : [])
                    switch parts[0] {
                    case "serve": serves.formUnion(names)
                    case "call": calls.formUnion(names)
                    case "asserts-person" where parts.count == 1: assertsPerson = true
                    default: throw KeyFileError("unknown right '\(right)' (serve=, call=, asserts-person)")
                    }
                }
                self.init(name: name, serves: serves, calls: calls, assertsPerson: assertsPerson)
            }
        }

        /// The peer's line in an access list file.
        public var line: String {
            var words = [name, publicKey]
            if !serves.isEmpty { words.append("serve=" + serves.sorted().joined(separator: ",")) }
            if !calls.isEmpty { words.append("call=" + calls.sorted().joined(separator: ",")) }
            if assertsPerson { words.append("asserts-person") }
            return words.joined(separator: " ")
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
            let rights: Peer.Rights
            do { rights = try Peer.Rights(name: words[0], words: words.dropFirst(2)) } catch {
                throw KeyFileError("access list line \(number + 1): \(error)")
            }
            peers.append(
                Peer(
                    name: words[0], publicKey: words[1], serves: rights.serves, calls: rights.calls,
                    assertsPerson: rights.assertsPerson))
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

    /// The text of the list, one line per peer, as `init(text:)` reads it.
    public var text: String {
        "# name public-key rights (see SECURITY.md)\n" + peers.map { $0.line + "\n" }.joined()
    }

    /// The peer with this public key, if it is let in.
    public func peer(publicKey: String) -> Peer? { byKey[publicKey] }

    /// Whether the peer called `name` may register a worker for `service`.
    public func may(_ name: String?, serve service: String) -> Bool {
        guard let name, let peer = byName[name] else { return false }
        return peer.serves.contains(service)
    }

    /// Whether the peer called `name` may publish an event with this topic
    /// (`"<service>.<type>"`): only for a service it serves.
    public func may(_ name: String?, publish topic: String) -> Bool {
        guard let dot = topic.firstIndex(of: "."), dot != topic.startIndex else { return false }
        return may(name, serve: String(topic[..<dot]))
    }

    /// Whether the peer called `name` may name the employee its calls act for.
    public func mayAssertPerson(_ name: String?) -> Bool {
        guard let name, let peer = byName[name] else { return false }
        return peer.assertsPerson
    }

    /// Whether the peer called `name` may call `method` of `service` (any method when
    /// nil): it serves the service, or its `call=` names `*`, the service or the method.
    public func may(_ name: String?, call service: String, method: String? = nil) -> Bool {
        guard let name, let peer = byName[name] else { return false }
        if peer.calls.contains("*") || peer.calls.contains(service) || peer.serves.contains(service) { return true }
        guard let method else { return false }
        return peer.calls.contains("\(service).\(method)")
    }
}
