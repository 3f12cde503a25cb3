import Bus
import Contract
import Domain
import Logging
import ServiceKit
import ServiceLifecycle

/// Sends every due delivery on its channel's outlet, several at once, until
/// shutdown: the outbox's way out. Runs as a `Service` beside the worker.
///
/// A delivery is sent and then marked SENT in channels' database; a crash in
/// between sends it again on restart (at least once), under the same Message-ID for
/// e-mail, so the customer's mail program shows one message. A failure that passes
/// keeps it QUEUED with back-off (`DeliveryRetry`); a final one, or the last
/// attempt, marks it FAILED with the reason, which the agent sees on the message.
///
/// When several channels processes share one database, only the holder of the
/// `deliveries` lease sends (`JobLeaseKeeper`): it renews the lease on every pass and
/// before every delivery, so no two processes send at once.
final class DeliveryWorker: Service, Sendable {
    private let handlers: ChannelsHandlers<ChannelsSQLStore>
    private let outlets: [Channel: any Outlet]
    private let logger: Logger
    let lease: JobLeaseKeeper

    init(handlers: ChannelsHandlers<ChannelsSQLStore>, outlets: [Channel: any Outlet], logger: Logger) {
        self.handlers = handlers
        self.outlets = outlets
        self.logger = logger
        lease = JobLeaseKeeper(
            job: Self.job, seconds: handlers.settings.jobLeaseSeconds, store: handlers.store, logger: logger)
    }

    /// The job lease the worker sends under.
    static let job = "deliveries"

    func run() async throws {
        try await OutboxPasses.run(pause: .milliseconds(handlers.settings.pollIntervalMs)) { await self.deliverDue() }
    }

    /// One pass over the due deliveries, `sendConcurrency` at once, when this
    /// process holds the deliveries lease. Returns how many were attempted.
    @discardableResult
    func deliverDue() async -> Int {
        guard await lease.hold() else { return 0 }
        let store = handlers.store
        let due: [Channels.Delivery]
        do {
            due = try await store.read { [store] in try $0.dueDeliveries(nowMs: store.nowMs, limit: 200) }
        } catch {
            logger.error("cannot read due deliveries", metadata: ["error": "\(error)"])
            return 0
        }
        return await OutboxPasses.attempt(due, width: handlers.settings.sendConcurrency) { await self.attempt($0) }
    }

    /// Sends one delivery and records how it went, unless the lease moved to
    /// another process during the pass (that process sends it).
    func attempt(_ delivery: Channels.Delivery) async {
        guard await lease.hold() else { return }
        let outcome: Result<Sent, DeliveryError>
        do {
            let message = try await handlers.outgoing(for: delivery)
            guard let outlet = outlets[message.channel] else {
                await record(delivery, skipped: "\(message.channel) is not connected to Glimlach")
                return
            }
            let externalID = try await outlet.send(message)
            outcome = .success(Sent(message: message, externalID: externalID))
        } catch let skip as DeliverySkip {
            await record(delivery, skipped: skip.reason)
            return
        } catch let error as DeliveryError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(Self.classify(error))
        }
        do {
            try await handlers.recordAttempt(delivery, outcome: outcome)
        } catch {
            logger.error(
                "cannot record a delivery attempt",
                metadata: ["delivery_id": "\(delivery.delivery_id ?? "")", "error": "\(error)"])
        }
        if case .failure(let error) = outcome {
            logger.warning(
                "delivery not sent", metadata: ["delivery_id": "\(delivery.delivery_id ?? "")", "error": "\(error)"])
        }
    }

    private func record(_ delivery: Channels.Delivery, skipped reason: String) async {
        do { try await handlers.recordSkipped(delivery, reason: reason) } catch {
            logger.error("cannot record a skipped delivery", metadata: ["error": "\(error)"])
        }
    }

    /// A peer's status as a delivery error: unreachable or slow services pass, a
    /// refusal retrying cannot fix does not.
    static func classify(_ error: any Error) -> DeliveryError {
        guard let status = RPCError.status(of: error) else {
            return .passing("\(error)")
        }
        switch status.code {
        case .invalidArgument, .notFound, .permissionDenied, .failedPrecondition:
            return .final("\(status.code): \(status.message)")
        default:
            return .passing("\(status.code): \(status.message)")
        }
    }
}

/// What an attempt sent.
struct Sent: Sendable {
    var message: OutgoingMessage
    var externalID: String
}

/// A delivery not to send at all, and why (a survey answered before it was due).
struct DeliverySkip: Error {
    var reason: String
}
