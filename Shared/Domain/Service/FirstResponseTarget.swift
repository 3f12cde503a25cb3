import Foundation

/// How soon a contact on a channel must get its first personal reply, counted in the
/// channel's open hours. Standard targets (DOMAIN.md: one day is the baseline, one in
/// five customers expects an answer within the hour, social media within minutes):
/// chat and social channels 1 hour, e-mail and web form 1 day (24 open hours), phone
/// and in store answered live.
public struct FirstResponseTarget: Hashable, Sendable {
    /// Share of the target after which a ticket is at risk when nothing else is set.
    public static let defaultAtRiskShare = 0.8

    /// The channel.
    public let channel: Channel
    /// Open seconds until the first reply is due; 0 when answered live.
    public let openSeconds: TimeInterval
    /// Contacts are answered as they arrive (phone): the target is met on arrival.
    public let isAnsweredLive: Bool
    /// Share of the target, in (0, 1], after which the ticket is at risk.
    public let atRiskShare: Double
    /// Whether a breach escalates the ticket to Special Care.
    public let escalatesOnBreach: Bool

    /// A target of `openSeconds` open seconds.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - openSeconds: Open seconds until due; more than 0.
    ///   - atRiskShare: Share of the target after which the ticket is at risk, in (0, 1].
    ///   - escalatesOnBreach: Whether a breach escalates to Special Care.
    /// - Throws: `DomainError.invalid` naming "target_ms" or "at_risk_share".
    public init(
        channel: Channel, openSeconds: TimeInterval, atRiskShare: Double = defaultAtRiskShare,
        escalatesOnBreach: Bool = false
    ) throws(DomainError) {
        guard openSeconds > 0, openSeconds.isFinite else {
            throw .invalid(field: "target_ms", reason: "must be more than 0, got \(openSeconds * 1000)")
        }
        guard atRiskShare > 0, atRiskShare <= 1 else {
            throw .invalid(field: "at_risk_share", reason: "must be in (0, 1], got \(atRiskShare)")
        }
        self.init(channel, openSeconds, live: false, atRiskShare, escalatesOnBreach)
    }

    private init(_ channel: Channel, _ seconds: TimeInterval, live: Bool, _ share: Double, _ escalates: Bool) {
        self.channel = channel
        self.openSeconds = seconds
        self.isAnsweredLive = live
        self.atRiskShare = share
        self.escalatesOnBreach = escalates
    }

    /// A channel answered live: met when the contact arrives.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    public static func live(_ channel: Channel) -> FirstResponseTarget {
        FirstResponseTarget(channel, 0, live: true, defaultAtRiskShare, false)
    }

    /// The standard target of `channel` (see the type's documentation).
    ///
    /// - Parameters:
    ///   - channel: The channel.
    public static func standard(for channel: Channel) -> FirstResponseTarget {
        switch channel {
        case .phone, .inStore: live(channel)
        case .email, .webForm: FirstResponseTarget(channel, 24 * 3600, live: false, defaultAtRiskShare, false)
        case .chat, .twitter, .facebookMessenger, .whatsApp:
            FirstResponseTarget(channel, 3600, live: false, defaultAtRiskShare, false)
        }
    }

    /// The standard targets of every channel, in channel order.
    public static var standards: [FirstResponseTarget] { Channel.allCases.map(standard(for:)) }

    /// When the first reply to a contact that arrived at `arrival` is due, given the
    /// channel's calendar; nil when answered live or the channel never opens again.
    ///
    /// - Parameters:
    ///   - arrival: When the contact arrived.
    ///   - hours: The channel's opening hours.
    public func dueDate(arrivedAt arrival: Date, hours: OpeningHours) -> Date? {
        isAnsweredLive ? nil : hours.instant(afterOpen: openSeconds, from: arrival)
    }

    /// When a contact that arrived at `arrival` becomes at risk; nil when answered live.
    ///
    /// - Parameters:
    ///   - arrival: When the contact arrived.
    ///   - hours: The channel's opening hours.
    public func atRiskDate(arrivedAt arrival: Date, hours: OpeningHours) -> Date? {
        isAnsweredLive ? nil : hours.instant(afterOpen: openSeconds * atRiskShare, from: arrival)
    }
}
