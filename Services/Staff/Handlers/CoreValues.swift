import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    /// ListCoreValues, UpsertCoreValue, DeleteCoreValue.
    static func registerCoreValues(on router: inout ServiceRouter, store: any StaffStore) {
        router.register(Staff.listCoreValues) { _, _ in
            Staff.ListCoreValuesReply(values: try await store.coreValues())
        }
        router.register(Staff.upsertCoreValue) { request, context in
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
        router.register(Staff.deleteCoreValue) { request, context in
            let id = try Fields.slug(request.value_id, "value_id")
            try await store.deleteCoreValue(id, key: context.idempotencyKey)
            return Staff.DeleteCoreValueReply()
        }
    }
}
