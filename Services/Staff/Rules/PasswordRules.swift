import Bus
import Dispatch
import HummingbirdBcrypt

/// Passwords: how long they must be and how they are hashed (bcrypt, which reads
/// only the first 72 bytes, so longer ones are refused rather than cut).
struct PasswordRules: Sendable {
    static let minLength = 12
    static let maxBytes = 72
    /// bcrypt's work factor for new hashes unless the operator sets another.
    static let defaultCost: UInt8 = 12
    /// The work factors an operator may choose (`staff --password-cost`).
    static let costs: ClosedRange<UInt8> = 10...16

    /// bcrypt's work factor for new hashes and the decoy.
    let cost: UInt8

    init(cost: UInt8 = defaultCost) { self.cost = cost }

    /// - Throws: INVALID_ARGUMENT naming `password` when it is too short or too long.
    static func check(_ password: String?) throws -> String {
        guard let password, password.count >= minLength else {
            throw RPCError.invalidArgument(field: "password", "must have at least \(minLength) characters")
        }
        guard password.utf8.count <= maxBytes else {
            throw RPCError.invalidArgument(field: "password", "must have at most \(maxBytes) bytes")
        }
        return password
    }

    /// A new hash of `password`, made on `hashing`.
    func hash(_ password: String) async -> String {
        await Self.onHashingQueue { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; without a hash it checks a decoy, so the
    /// time taken does not tell whether an account exists. Checked on `hashing`.
    func verify(_ password: String, hash: String?) async -> Bool {
        await Self.onHashingQueue { [cost] in
            guard let hash else {
                _ = Bcrypt.verify(password, hash: Self.decoy(cost: cost))
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    /// bcrypt takes a core for a good part of a second on purpose: one hash at a time,
    /// on a thread of its own, so a burst of sign-ins waits its turn instead of
    /// holding the task pool every other call (and the worker's heartbeats) needs.
    private static let hashing = DispatchQueue(label: "staff.passwords")

    /// A hash checked when no account matches, at the cost of real ones so that
    /// takes as long; made once per cost, on `hashing` (only its thread touches it).
    private static func decoy(cost: UInt8) -> String {
        dispatchPrecondition(condition: .onQueue(hashing))
        if let made = decoys[cost] { return made }
        let made = Bcrypt.hash("decoy password, never anyone's", cost: cost)
        decoys[cost] = made
        return made
    }

    nonisolated(unsafe) private static var decoys: [UInt8: String] = [:]

    private static func onHashingQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in hashing.async { continuation.resume(returning: work()) } }
    }
}
