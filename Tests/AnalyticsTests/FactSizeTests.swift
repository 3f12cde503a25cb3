@testable import AnalyticsCore
import Testing

@Suite("memory per fact")
struct FactSizeTests {
    @Test("a ticket costs 64 bytes of facts and a survey answer 32, whatever the field order")
    func sizes() {
        #expect(MemoryLayout<TicketFact>.stride == 64)
        #expect(MemoryLayout<ResponseFact>.stride == 32)
        #expect(MemoryLayout<ResolutionFact>.stride == 32)
    }
}
