import Bus
import Contract
import Foundation
import Hummingbird
import Testing

@testable import AnalyticsCore
@testable import GatewayService

/// Analytics exports for BI through the HTTP API, streamed page after page.
@Suite("Gateway: report exports for BI")
struct ExportStreamTests {
    static let day: Int64 = 86_400_000
    static let start: Int64 = 1_764_547_200_000  // 2025-12-01T00:00:00Z

    /// A real analytics read model with one answer a day for 40 days (scores 0..10 in turn).
    static func analytics(_ world: GatewayWorld) {
        let model = AnalyticsReadModel()
        for day in 0..<40 {
            let at = start + Int64(day) * Self.day + 3_600_000
            let answer = Feedback.ResponseSubmitted(
                response_id: "r-\(day)", score: Int32(day % 11),
                attribution: .init(agent_id: "emp-1", channel: .email, country: day % 2 == 0 ? "NL" : "BE"),
                answered_at_ms: at)
            model.apply(
                Event(
                    service: "feedback", sequence: UInt64(day + 1), type: "response.submitted", occurred_at_ms: at,
                    subject_id: "r-\(day)", payload: try! answer.wireBytes()))
        }
        model.markReady()
        world.transport.serve(makeAnalyticsRouter(model: model))
    }

    static let request = """
        {"nps": {"window": {"from_ms": \(start), "to_ms": \(start + 40 * day), "time_zone": "UTC"},
          "group_by": ["DIMENSION_DAY"]}, "page_size": 7}
        """

    @Test("a 40-day report comes whole as CSV and as NDJSON, though analytics answers 7 rows a page")
    func streamed() async throws {
        let world = try await GatewayWorld()
        Self.analytics(world)
        try await world.withGateway { client in
            let csv = try await client.post("/v1/exports/report.csv", Self.request)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 42, "the header, a row per day and the total")
            #expect(lines.first?.hasPrefix("row,day,day_start,promoters,") == true, "\(lines.first ?? "")")
            let days = lines.dropFirst().filter { $0.hasPrefix("group,") }.map { String($0.split(separator: ",")[1]) }
            #expect(Set(days).count == 40 && days.first == "2025-12-01" && days.last == "2026-01-09")
            #expect(lines.last?.hasPrefix("total,,,") == true)

            let ndjson = try await client.post("/v1/exports/report.ndjson", Self.request)
            #expect(ndjson.status == .ok && ndjson.headers[.contentType] == "application/x-ndjson")
            let objects = ndjson.text.split(separator: "\n").map {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
            }
            #expect(objects.count == 41 && objects.allSatisfy { $0 != nil })
            #expect(objects.first??["day"] == "2025-12-01" && objects.first??["n"] == "1")
            #expect(objects.last??["row"] == "total" && objects.last??["n"] == "40")
        }
    }

    @Test("a bad request or token is refused before anything is streamed")
    func refused() async throws {
        let world = try await GatewayWorld()
        Self.analytics(world)
        try await world.withGateway { client in
            let none = try await client.post("/v1/exports/report.csv", Self.request, token: nil)
            #expect(none.status == .unauthorized)
            let unknown = try await client.post("/v1/exports/report.csv", #"{"nps": {"colour": 1}}"#)
            #expect(unknown.status == .badRequest && unknown.violatedField == "nps.colour")
            let empty = try await client.post("/v1/exports/report.ndjson", "{}")
            #expect(empty.status == .badRequest)
            // A window without its start: 400 naming the field (found by schemathesis as a 500).
            let partial = try await client.post("/v1/exports/report.csv", #"{"trend": {"window": {}}}"#)
            #expect(partial.status == .badRequest && partial.violatedField == "trend.window.from_ms")
        }
    }
}
