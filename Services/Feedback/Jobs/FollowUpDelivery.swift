import Bus
import Contract
import Logging
import ServiceLifecycle

/// Delivers PENDING follow-ups to tickets' `OpenFollowUp` until tickets accepts
/// each one: the closed loop's inner loop. Runs as a `Service` beside the worker.
///
/// Every call carries the idempotency key `follow-up-<response_id>` (and tickets opens
/// one ticket per `response_id`), so a retry after a lost reply, a timeout or a
/// restart returns the same follow-up ticket instead of a second one. A failure
/// that passes (tickets down, a deadline) counts the attempt, keeps the error and
/// pauses that follow-up with backoff (`FeedbackSettings.retryDelayMs`); nothing is
/// dropped while tickets is down. A refusal retrying cannot fix (`isFinal`), or the
/// last of `FeedbackSettings.followUpMaxAttempts`, ends in FAILED with its reason.
///
/// When several feedback processes share one database, only the holder of the
/// `follow-up-delivery` lease delivers; it renews the lease on every pass, and when
/// it dies another process takes the lease once it expired (three passes, at least
/// three seconds).
final class FollowUpDelivery: Service, Sendable {
    /// Calls tickets' OpenFollowUp with an idempotency key.
    typealias OpenFollowUp = @Sendable (Tickets.OpenFollowUpRequest, String) async throws -> Tickets.OpenFollowUpReply

    private let ledger: any FollowUpLedger
    private let open: OpenFollowUp
    private let pollInterval: Duration
    private let maxAttempts: Int
    private let logger: Logger

    init(ledger: any FollowUpLedger, settings: FeedbackSettings, logger: Logger, open: @escaping OpenFollowUp) {
        self.ledger = ledger
        self.open = open
        self.pollInterval = .milliseconds(settings.followUpPollMs)
        self.maxAttempts = max(settings.followUpMaxAttempts, 1)
        self.logger = logger
    }

    /// Calls OpenFollowUp through `client`, at most `timeout` per attempt.
    static func overBus(_ client: any RPCClient, timeout: Duration = .seconds(5)) -> OpenFollowUp {
        { request, key in
            try await client.call(Tickets.openFollowUp, request, options: .init(timeout: timeout, idempotencyKey: key))
        }
    }

    /// Whether `error` is a refusal the same request will meet again: bad or missing
    /// input, an unknown original ticket. Unreachable services, deadlines and a
    /// precondition of the system (no Special Care team yet) pass with time.
    static func isFinal(_ error: any Error) -> Bool {
        guard let error = RPCError.status(of: error) else { return false }
        switch error.code {
        case .invalidArgument, .notFound, .alreadyExists, .permissionDenied, .outOfRange, .unimplemented: return true
        default: return false
        }
    }

    /// The key for `responseID`'s follow-up: the same on every attempt.
    static func idempotencyKey(_ responseID: String) -> String { "follow-up-\(responseID)" }

    /// The job lease delivery runs under.
    static let lease = "follow-up-delivery"

    /// How long a lease lasts without renewal: three passes, at least three seconds.
    var leaseSeconds: Int { max(Int((pollInterval * 3).components.seconds), 3) }

    /// Delivers every due follow-up until shutdown, while this process holds the lease.
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var holding = false
                while !Task.isCancelled {
                    holding = await self.deliverIfHolding(wasHolding: holding)
                    try await Task.sleep(for: self.pollInterval)
                }
            }
        } catch is CancellationError {}
    }

    /// One pass when this process holds (and so renews) the lease; returns whether it does.
    func deliverIfHolding(wasHolding: Bool) async -> Bool {
        let held: Bool
        do { held = try await ledger.holdLease(Self.lease, seconds: leaseSeconds) } catch {
            logger.warning("cannot take the follow-up delivery lease", metadata: ["error": "\(error)"])
            return false
        }
        if held != wasHolding {
            logger.info(held ? "follow-up delivery runs in this process" : "follow-up delivery runs elsewhere")
        }
        if held { await deliverDue() }
        return held
    }

    /// One pass: tries each due follow-up once. Returns how many tickets accepted.
    @discardableResult
    func deliverDue() async -> Int {
        let due: [PendingFollowUp]
        do { due = try await ledger.dueFollowUps(limit: 50) } catch {
            logger.error("cannot read pending follow-ups", metadata: ["error": "\(error)"])
            return 0
        }
        var opened = 0
        for pending in due where !Task.isCancelled {
            do {
                let reply = try await open(pending.request, Self.idempotencyKey(pending.responseID))
                guard let ticketID = reply.ticket?.ticket_id else {
                    throw RPCError(.internal, "OpenFollowUp replied without a ticket")
                }
                try await ledger.followUpOpened(responseID: pending.responseID, ticketID: ticketID)
                opened += 1
            } catch {
                let attempt = pending.attempts + 1
                let final = Self.isFinal(error) || attempt >= maxAttempts
                var reason = RPCError.status(of: error).map { "\($0.code): \($0.message)" } ?? "\(error)"
                if final && !Self.isFinal(error) { reason = "gave up after \(attempt) attempts; last: \(reason)" }
                logger.log(
                    level: final ? .error : .warning, final ? "follow-up failed" : "follow-up not opened yet",
                    metadata: ["response_id": "\(pending.responseID)", "attempt": "\(attempt)", "error": "\(reason)"])
                try? await ledger.followUpFailed(responseID: pending.responseID, error: reason, final: final)
            }
        }
        return opened
    }
}

/// What delivery asks of the handlers: the lease to run under, the due follow-ups
/// and how each attempt ended.
protocol FollowUpLedger: Sendable {
    /// Whether this process holds the lease on `job` for the next `seconds` (see
    /// `JobLeases.holdLease`).
    func holdLease(_ job: String, seconds: Int) async throws -> Bool
    /// Pending follow-ups whose next attempt is due, oldest request first.
    func dueFollowUps(limit: Int) async throws -> [PendingFollowUp]
    /// tickets accepted: PENDING becomes OPEN (`follow_up.opened`); otherwise nothing.
    func followUpOpened(responseID: String, ticketID: String) async throws
    /// An attempt failed: count it, remember why, and schedule the next one; or,
    /// when `final`, stop retrying: FAILED with the reason (`follow_up.failed`).
    func followUpFailed(responseID: String, error: String, final: Bool) async throws
}
