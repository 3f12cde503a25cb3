import Foundation

/// When an endpoint is given up on: an endpoint that has answered nothing but
/// failures for `giveUpAfterMs` (a day) since its first failure after the last
/// success is disabled, as is one that answers 410 Gone. The reason is what the
/// owner reads in ListSubscriptions and in `subscription.disabled`.
enum EndpointHealth {
    /// Why the subscription must be disabled now, or nil.
    static func disableReason(
        after result: AttemptResult, failingSinceMs: Int64, nowMs: Int64, giveUpAfterMs: Int64
    ) -> String? {
        switch result.verdict {
        case .delivered: return nil
        case .gone: return "the endpoint answered 410 Gone"
        case .failed:
            guard nowMs - failingSinceMs >= giveUpAfterMs else { return nil }
            let hours = giveUpAfterMs / 3_600_000
            return "no successful delivery for \(hours) h since \(WebhookPayload.timestamp(failingSinceMs)); "
                + "last: \(result.failure)"
        }
    }
}
