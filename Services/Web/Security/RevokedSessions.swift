import Foundation
import Synchronization

/// Sessions signed out before they expired, by their nonce: the signed cookie
/// alone would stay valid until its expiry, so a copy of it would outlive the
/// sign-out. Entries leave once their session would have expired anyway. In
/// memory, per web process: a restart forgets them (and a new session key
/// invalidates every cookie).
final class RevokedSessions: Sendable {
    private let revoked = Mutex<[String: Int64]>([:])

    /// Marks `session` as signed out.
    func revoke(_ session: Sessions.Session, now: Date = Date()) {
        let nowUnix = Int64(now.timeIntervalSince1970)
        revoked.withLock { table in
            table = table.filter { $0.value > nowUnix }
            table[session.nonce] = session.expires
        }
    }

    /// Whether `session` was signed out.
    func contains(_ session: Sessions.Session) -> Bool {
        revoked.withLock { $0[session.nonce] != nil }
    }
}
