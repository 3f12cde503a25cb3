import Foundation
import Synchronization

/// Failed sign-ins counted per account and per client address over a sliding
/// window. Past a limit, further attempts are refused before their password is
/// checked (each check is a bcrypt hash), until the oldest failure leaves the window.
/// A successful sign-in clears its account's count, never its address's. In memory,
/// per web process.
final class SignInThrottle: Sendable {
    /// Failures one account may collect within `window`.
    let perAccount: Int
    /// Failures one address may collect within `window`, over all names it tries.
    let perAddress: Int
    /// How long a failure counts.
    let window: TimeInterval
    private let clock: @Sendable () -> Date
    private let failures = Mutex<(accounts: [String: [Date]], addresses: [String: [Date]])>(([:], [:]))

    /// - Parameters:
    ///   - perAccount: failures per account within `window`; 5 by default.
    ///   - perAddress: failures per address within `window`; 20 by default.
    ///   - window: seconds a failure counts; 15 minutes by default.
    ///   - clock: the current time (tests move it).
    init(
        perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
        self.clock = clock
    }

    /// Seconds until `name` from `address` may try again; nil when it may now.
    func wait(name: String, address: String) -> TimeInterval? {
        let now = clock()
        return failures.withLock { state in
            let account = Self.recent(&state.accounts, Self.accountKey(name), now: now, window: window)
            let peer = Self.recent(&state.addresses, address, now: now, window: window)
            // Free again when the oldest of the last `limit` failures leaves the window.
            let waits = [(account, perAccount), (peer, perAddress)].compactMap { times, limit -> TimeInterval? in
                guard times.count >= limit else { return nil }
                return times[times.count - limit].addingTimeInterval(window).timeIntervalSince(now)
            }
            return waits.max()
        }
    }

    /// Counts a wrong password or unknown name.
    func failed(name: String, address: String) {
        let now = clock()
        failures.withLock { state in
            state.accounts[Self.accountKey(name), default: []].append(now)
            state.addresses[address, default: []].append(now)
        }
    }

    /// Clears the account's failures after the right password.
    func succeeded(name: String) {
        _ = failures.withLock { $0.accounts.removeValue(forKey: Self.accountKey(name)) }
    }

    /// Names differ only in case count as one account to an attacker.
    private static func accountKey(_ name: String) -> String { name.lowercased() }

    /// The failures of `key` still inside the window, dropping older ones.
    private static func recent(
        _ table: inout [String: [Date]], _ key: String, now: Date, window: TimeInterval
    ) -> [Date] {
        guard let times = table[key] else { return [] }
        let kept = times.filter { now.timeIntervalSince($0) < window }
        table[key] = kept.isEmpty ? nil : kept
        return kept
    }
}
