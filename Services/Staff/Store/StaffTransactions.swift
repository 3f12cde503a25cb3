import Contract
import Wire

/// Reads and writes of stored records, no rules: the shape tickets and feedback
/// have, which the staff areas move to one by one (core values, the offer policy and the pulse so far). The
/// handlers hold the rules and run them inside `write` with what they read there.
protocol StaffTransactions: Sendable {
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StaffReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records. With an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any StaffWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write.
protocol StaffReading {
    /// In their order (position, then id).
    func coreValues() throws -> [Staff.CoreValue]
    func coreValue(id: String) throws -> Staff.CoreValue?
    /// The position after the last core value (1 when there is none).
    func nextCoreValuePosition() throws -> UInt32
    func employee(id: String) throws -> Staff.Employee?
    /// The offer policy as last set; nil before the first SetOfferPolicy.
    func storedOfferPolicy() throws -> Staff.OfferPolicy?
    /// Whether the team exists.
    func teamExists(id: String) throws -> Bool
    /// Whether `employeeID` answered the pulse for `period` ("YYYY-MM").
    func answeredPulse(employeeID: String, period: String) throws -> Bool
    /// How many answers each score got in the team's period.
    func pulseTally(teamID: String, period: String) throws -> [(score: Int, answers: Int)]
}

/// Changes, inside a write; each goes with an event (`record`).
protocol StaffWriting: StaffReading {
    /// When the write happens, in Unix milliseconds.
    var nowMs: Int64 { get }
    /// Inserts or replaces the core value.
    func save(_ value: Staff.CoreValue) throws
    /// False when there is no core value `id`.
    func deleteCoreValue(id: String) throws -> Bool
    /// Replaces the offer policy.
    func save(_ policy: Staff.OfferPolicy) throws
    /// Notes that `employeeID` answered for `period` and raises the team's tally for
    /// `score`, with nothing linking the two.
    func addPulseAnswer(employeeID: String, teamID: String, period: String, score: Int32) throws
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}
