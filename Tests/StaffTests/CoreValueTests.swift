import Bus
import Contract
import Domain
import Testing

@testable import StaffService

@Suite("core values")
struct CoreValueTests {
    @Test("the ten core values are seeded in order and can be edited, added and deleted")
    func coreValues() async throws {
        try await withStaff { staff in
            let seeded = try await staff.call(Staff.listCoreValues, .init()).values
            #expect(seeded.map(\.value_id) == CoreValue.defaults.map(\.id))
            #expect(seeded.first?.name == "Deliver WOW through service" && seeded.last?.value_id == "be-humble")

            let edited = try await staff.call(
                Staff.upsertCoreValue,
                .init(value: .init(value_id: "be-humble", name: "Be humble", description: "Ego-free service")))
            #expect(edited.created == false && edited.value?.position == 10)
            let added = try await staff.call(
                Staff.upsertCoreValue,
                .init(value: .init(value_id: "everything-for-a-smile", name: "Everything for a smile")))
            #expect(added.created == true && added.value?.position == 11)
            _ = try await staff.call(Staff.deleteCoreValue, .init(value_id: "do-more-with-less"))
            let values = try await staff.call(Staff.listCoreValues, .init()).values
            #expect(values.count == 10 && !values.contains { $0.value_id == "do-more-with-less" })
            #expect(values.first { $0.value_id == "be-humble" }?.description == "Ego-free service")
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.deleteCoreValue, .init(value_id: "do-more-with-less"))
            }
            await expectRPCError(.invalidArgument, "value.value_id:") {
                _ = try await staff.call(Staff.upsertCoreValue, .init(value: .init(value_id: "Not A Slug", name: "x")))
            }
            let types = try await staff.events().map(\.type)
            #expect(types == ["core_value.upserted", "core_value.upserted", "core_value.deleted"])
        }
    }
}
