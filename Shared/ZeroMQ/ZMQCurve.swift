import CZeroMQ

/// A CURVE key pair (RFC 26), both keys in Z85 text (40 characters).
public struct CurveKeyPair: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String

    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A new random key pair (libzmq with libsodium).
    /// - Throws: `ZMQError` ENOTSUP when libzmq was built without CURVE.
    public static func generate() throws -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else { throw ZMQError("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: z85String(publicKey), secretKey: z85String(secretKey))
    }

    /// Whether `key` is 40 characters of Z85 that decode to 32 bytes.
    public static func isValidKey(_ key: String) -> Bool {
        guard key.utf8.count == 40 else { return false }
        var decoded = [UInt8](repeating: 0, count: 32)
        return zmq_z85_decode(&decoded, key) != nil
    }

    /// The Z85 text of a 32-byte binary key (as ZAP requests carry it).
    public static func z85(_ binary: [UInt8]) -> String? {
        guard binary.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, binary, 32) != nil else { return nil }
        return z85String(text)
    }

    private static func z85String(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE server: peers must know `keys.publicKey`, and the
    /// ZAP handler of this context (RFC 27) decides which client keys are let in.
    /// - Throws: `ZMQError` (EINVAL bad key).
    public func makeCurveServer(_ keys: CurveKeyPair, domain: String) throws {
        try set(.curveServer, 1)
        try set(.curveSecretKey, Array(keys.secretKey.utf8))
        try set(.zapDomain, Array(domain.utf8))
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`.
    /// - Throws: `ZMQError` (EINVAL bad key).
    public func makeCurveClient(_ keys: CurveKeyPair, serverKey: String) throws {
        try set(.curveServerKey, Array(serverKey.utf8))
        try set(.curvePublicKey, Array(keys.publicKey.utf8))
        try set(.curveSecretKey, Array(keys.secretKey.utf8))
    }

    /// Receives one whole message if one is waiting, with the "User-Id" the ZAP
    /// handler gave its sender (nil without authentication).
    /// - Throws: `ZMQError` (ETERM, ENOTSOCK, EINTR, EFSM).
    public func receiveWithUserID() throws -> (frames: Multipart, userID: String?)? {
        var userID: String?
        let frames = try receive { message in
            // The ROUTER's own identity frame carries no metadata: read it from the peer's frames.
            if userID == nil, let property = zmq_msg_gets(&message, "User-Id") { userID = String(cString: property) }
        }
        return frames.map { ($0, userID) }
    }
}
