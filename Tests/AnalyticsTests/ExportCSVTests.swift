@testable import AnalyticsCore
import Contract
import Domain
import Foundation
import Testing

@Suite("CSV exports")
struct ExportCSVTests {
    @Test("an export defuses a formula in a text cell and keeps a negative NPS a number")
    func formulaGuard() throws {
        var script = EventScript()
        let at = GeneratedEvents.start + 3_600_000
        script.answer("r-1", score: 0, agent: "emp-1", at: at, country: "=HYPERLINK(\"http://x\")")
        let model = script.model()
        let window = try TimeWindow(
            from: Date(unixMilliseconds: GeneratedEvents.start), to: Date(unixMilliseconds: at + 3_600_000),
            timeZone: TimeZone(identifier: "UTC")!)
        let page = try model.query { try $0.export(.init(nps: .init(window: window, group_by: [.country])), now: .now) }
        #expect(page.rows.first?.hasPrefix(#"group,"'=HYPERLINK(""http://x"")",0,0,1,1,-100"#) == true, "\(page.rows)")
    }
}
