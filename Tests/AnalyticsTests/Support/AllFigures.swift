@testable import AnalyticsCore
import Contract
import Domain
import Foundation

/// Every report of a read model over the generated month, as text: two models
/// that answer alike give equal lists.
enum AllFigures {
    static func of(_ model: AnalyticsReadModel) throws -> [String] {
        let now = Date(unixMilliseconds: Fixture.now)
        return try Fixture.spans.flatMap { span in
            let window = span.window
            return try model.query { state in
                [
                    "\(try state.nps(.init(window: window, group_by: [.employee, .channel, .day])))",
                    "\(try state.nps(.init(window: window, group_by: [.channel, .country])))",
                    "\(try state.personalNpsRanking(.init(window: window)))",
                    "\(try state.goodwillSpend(.init(window: window, group_by: [.employerKind, .gestureKind])))",
                    "\(try state.complimentFigures(.init(window: window, group_by: [.coreValue, .team])))",
                    "\(try state.firstResponseFigures(.init(window: window, group_by: [.team, .channel]), nowMs: Fixture.now))",
                    "\(try state.firstContactResolution(.init(window: window, group_by: [.team, .country])))",
                    "\(try state.escalations(.init(window: window, group_by: [.escalationTrigger, .team])))",
                    "\(try state.followUpFigures(.init(window: window, group_by: [.team]), nowMs: Fixture.now))",
                    "\(try state.trend(.init(metric: .nps, window: window), nowMs: Fixture.now))",
                    "\(try state.trend(.init(metric: .ticketsCreated, window: window), nowMs: Fixture.now))",
                    "\(try state.engagement(.init(period: "2026-03"), now: now))",
                ]
            }
        }
    }
}
