import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // ListCoreValues, UpsertCoreValue, DeleteCoreValue.
    func listCoreValues(_ request: Staff.ListCoreValuesRequest, _ context: CallContext) async throws
        -> Staff.ListCoreValuesReply
    {
        Staff.ListCoreValuesReply(values: try await store.coreValues())
    }

    func upsertCoreValue(_ request: Staff.UpsertCoreValueRequest, _ context: CallContext) async throws
        -> Staff.UpsertCoreValueReply
    {
        let value = try Fields.required(request.value, "value")
        let clean = Staff.CoreValue(
            value_id: try Fields.slug(value.value_id, "value.value_id"),
            name: try Fields.text(value.name, "value.name"),
            description: try Fields.optionalText(value.description, "value.description"),
            position: try value.position.map { position in
                guard position >= 1 else {
                    throw RPCError.invalidArgument(field: "value.position", "must be 1 or more")
                }
                return position
            })
        return try await store.upsertCoreValue(clean, key: context.idempotencyKey)
    }

    func deleteCoreValue(_ request: Staff.DeleteCoreValueRequest, _ context: CallContext) async throws
        -> Staff.DeleteCoreValueReply
    {
        let id = try Fields.slug(request.value_id, "value_id")
        try await store.deleteCoreValue(id, key: context.idempotencyKey)
        return Staff.DeleteCoreValueReply()
    }
}
