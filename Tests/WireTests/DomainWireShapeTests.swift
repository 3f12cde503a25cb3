import Contract
import Domain
import Foundation
import Testing
import Wire

/// Domain values cross the wire in the shape of proto/: the Contract module's
/// conformances, checked against the fields protobuf-c packs and unpacks.
@Suite("Domain values on the wire")
struct DomainWireShapeTests {
    private let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!

    @Test("money crosses as glimlach.Money: minor_units and the currency's code")
    func money() throws {
        let row = Analytics.GoodwillRow(amount: Money(minorUnits: 1250, currency: .eur))
        let amount = try fields(row)["amount"]
        #expect(amount == .message(["minor_units": .int(1250), "currency": .string("EUR")]))
        #expect(try Analytics.GoodwillRow(wireBytes: row.wireBytes()) == row)

        let lowercase: WireRecord = ["amount": .message(["minor_units": .int(5), "currency": .string("eur")])]
        #expect(invalidField { _ = try decode(Analytics.GoodwillRow.self, lowercase) } == "amount.currency")
    }

    @Test("windows cross as glimlach.TimeWindow: from_ms, to_ms and time_zone, UTC when unset")
    func timeWindow() throws {
        let day = TimeWindow.day(try LocalDate("2025-06-10"), in: amsterdam)
        let request = Analytics.GetComplimentFiguresRequest(window: day)
        let window = try fields(request)["window"]
        #expect(
            window
                == .message([
                    "from_ms": .int(1_749_506_400_000), "to_ms": .int(1_749_592_800_000),
                    "time_zone": .string("Europe/Amsterdam"),
                ]))
        #expect(try Analytics.GetComplimentFiguresRequest(wireBytes: request.wireBytes()).window == day)

        let unzoned: WireRecord = ["window": .message(["from_ms": .int(0), "to_ms": .int(86_400_000)])]
        let utc = try #require(try decode(Analytics.GetComplimentFiguresRequest.self, unzoned).window)
        #expect(utc.timeZone == .gmt && utc.days.count == 1)
        let empty: WireRecord = ["window": .message(["from_ms": .int(5), "to_ms": .int(5)])]
        #expect(invalidField { _ = try decode(Analytics.GetComplimentFiguresRequest.self, empty) } == "to_ms")
        let nowhere: WireRecord = [
            "window": .message(["from_ms": .int(0), "to_ms": .int(1), "time_zone": .string("Mars/Olympus")])
        ]
        #expect(invalidField { _ = try decode(Analytics.GetComplimentFiguresRequest.self, nowhere) } == "time_zone")
    }

    @Test("channels cross as the numbers of glimlach.Channel; 0 (unspecified) and unknown numbers are refused")
    func channels() throws {
        #expect(Channel.allCases.map(\.wireValue) == Array(1...8))
        let attribution = Feedback.Attribution(channel: .whatsApp)
        #expect(try fields(attribution)["channel"] == .int(7))
        for channel in Channel.allCases {
            let sent = Feedback.Attribution(channel: channel)
            #expect(try Feedback.Attribution(wireBytes: sent.wireBytes()).channel == channel)
        }
        let unspecified: WireRecord = ["attribution": .message(["channel": .int(0)])]
        #expect(invalidField { _ = try decode(Feedback.SurveyResponse.self, unspecified) } == "attribution.channel")
        #expect(invalidField { _ = try Channel(wireValue: 0) } == "channel")
        #expect(invalidField { _ = try Channel(wireValue: 9) } == "channel")
        let unknown: WireRecord = ["attribution": .message(["channel": .int(9)])]
        #expect(throws: WireError.self) { try WireCodec.encode(unknown, as: Feedback.SurveyResponse.schema) }
    }

    @Test("NPS categories cross as the numbers of glimlach.feedback.NpsCategory; unspecified is refused")
    func npsCategories() throws {
        #expect(NPSCategory.allCases.map { Feedback.NpsCategory($0).rawValue } == [1, 2, 3])
        let response = Feedback.SurveyResponse(score: 4, category: Feedback.NpsCategory(.detractor))
        #expect(try fields(response)["category"] == .int(3))
        for category in NPSCategory.allCases {
            let sent = Feedback.SurveyResponse(category: Feedback.NpsCategory(category))
            #expect(try NPSCategory(Feedback.SurveyResponse(wireBytes: sent.wireBytes()).category) == category)
        }
        #expect(invalidField { _ = try NPSCategory(.unspecified) } == "category")
        #expect(invalidField { _ = try NPSCategory(nil, field: "response.category") } == "response.category")
    }

    /// The fields protobuf-c unpacks from `message`'s bytes.
    private func fields<Message: WireMessage>(_ message: Message) throws -> WireRecord {
        try WireCodec.decode(message.wireBytes(), as: Message.schema)
    }

    /// `record` packed by protobuf-c, then decoded as `Message`.
    private func decode<Message: WireMessage>(_: Message.Type, _ record: WireRecord) throws -> Message {
        try Message(wireBytes: WireCodec.encode(record, as: Message.schema))
    }
}

/// The field a thrown `DomainError` names, or nil for success or another error.
private func invalidField(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as DomainError {
        return error.field
    } catch {
        return nil
    }
}
