import Foundation
import ZeroMQ

/// The broker's side of CURVE: its key pair and who may do what.
public struct BrokerSecurity: Sendable {
    public let keys: CurveKeyPair
    public let access: AccessList

    public init(keys: CurveKeyPair, access: AccessList) {
        self.keys = keys
        self.access = access
    }

    static let zapDomain = "glimlach"
}

/// A connecting party's side of CURVE: its own key pair and the broker's public key.
/// Clients, workers, publishers and subscribers take it; by default they read it
/// from the environment (`CurveCredentials.environment`).
public struct CurveCredentials: Sendable, Equatable {
    public let keys: CurveKeyPair
    public let serverKey: String

    public init(keys: CurveKeyPair, serverKey: String) {
        self.keys = keys
        self.serverKey = serverKey
    }

    /// From `GLIMLACH_CURVE_KEY` (path of this process's `.key` file) and
    /// `GLIMLACH_BUS_PUBLIC_KEY` (the broker's public key, or its `.pub` file);
    /// nil when neither is set: plain TCP, as on a developer's loopback.
    /// - Throws: `KeyFileError` when only one is set or a file is wrong.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> CurveCredentials?
    {
        let keyFile = environment["GLIMLACH_CURVE_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let serverKey = environment["GLIMLACH_BUS_PUBLIC_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyFile, serverKey) {
        case (nil, nil): return nil
        case (let keyFile?, let serverKey?):
            return CurveCredentials(keys: try KeyFile.keyPair(at: keyFile), serverKey: try KeyFile.publicKey(serverKey))
        default: throw KeyFileError("set both GLIMLACH_CURVE_KEY and GLIMLACH_BUS_PUBLIC_KEY, or neither")
        }
    }

    /// This process's credentials from the environment, read once; a broken setting
    /// stops the process with the reason (connecting unencrypted instead would be worse).
    public static let environment: CurveCredentials? = {
        do { return try fromEnvironment() } catch {
            FileHandle.standardError.write(Data("glimlach: \(error)\n".utf8))
            exit(78)  // EX_CONFIG
        }
    }()

    func apply(to socket: ZMQSocket) throws {
        try socket.makeCurveClient(keys, serverKey: serverKey)
    }
}
