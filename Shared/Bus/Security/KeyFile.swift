import Foundation
import ZeroMQ

/// CURVE keys on disk, one `name = value` per line (lines starting with `#` are comments):
///
/// ```
/// # Glimlach CURVE key pair "staff": keep this file private (mode 600).
/// public-key = rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7
/// secret-key = JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6
/// ```
///
/// `<name>.key` holds both keys; `<name>.pub` only the public key, to hand to the
/// operator who keeps the broker's access list (or, for the broker's own key, to
/// every client).
public enum KeyFile {
    /// Writes a new key pair as `<directory>/<name>.key` (mode 600) and `<name>.pub`.
    /// - Throws: a file error, or `ZMQError` when libzmq has no CURVE.
    @discardableResult
    public static func generate(name: String, in directory: URL) throws -> CurveKeyPair {
        let keys = try CurveKeyPair.generate()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let secretFile = directory.appendingPathComponent("\(name).key")
        try """
            # Glimlach CURVE key pair "\(name)": keep this file private.
            public-key = \(keys.publicKey)
            secret-key = \(keys.secretKey)

            """.write(to: secretFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile.path)
        try """
            # Glimlach CURVE public key "\(name)".
            public-key = \(keys.publicKey)

            """.write(to: directory.appendingPathComponent("\(name).pub"), atomically: true, encoding: .utf8)
        return keys
    }

    /// Reads a key pair from a `.key` file.
    /// - Throws: `KeyFileError` naming the file and what is wrong.
    public static func keyPair(at path: String) throws -> CurveKeyPair {
        let values = try read(path)
        guard let publicKey = values["public-key"], let secretKey = values["secret-key"] else {
            throw KeyFileError("\(path): needs public-key and secret-key")
        }
        return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
    }

    /// A public key given as the key itself or as the path of a `.pub` or `.key` file.
    /// - Throws: `KeyFileError` naming the file and what is wrong.
    public static func publicKey(_ keyOrPath: String) throws -> String {
        if CurveKeyPair.isValidKey(keyOrPath) { return keyOrPath }
        guard let key = try read(keyOrPath)["public-key"] else { throw KeyFileError("\(keyOrPath): has no public-key") }
        return key
    }

    private static func read(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KeyFileError("\(path): cannot read the key file")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            guard CurveKeyPair.isValidKey(parts[1]) else { throw KeyFileError("\(path): \(parts[0]) is not a Z85 CURVE key") }
            values[parts[0]] = parts[1]
        }
        return values
    }
}

/// A key file that is missing or malformed.
public struct KeyFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
