import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // ListCoreValues, UpsertCoreValue, DeleteCoreValue.
    func listCoreValues(_ request: Staff.ListCoreValuesRequest, _ context: CallContext) async throws
        -> Staff.ListCoreValuesReply
    {
        Staff.ListCoreValuesReply(values: try await store.read { try $0.coreValues() })
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
        return try await store.write(method: "UpsertCoreValue", idempotencyKey: context.idempotencyKey) { tx in
            let id = try clean.value_id.stored("value_id")
            let existing = try tx.coreValue(id: id)
            var saved = clean
            saved.updated_at_ms = tx.nowMs
            // Unset: where it was, or last.
            if saved.position == nil { saved.position = try existing?.position ?? tx.nextCoreValuePosition() }
            try tx.save(saved)
            try tx.record("core_value.upserted", subject: id, Staff.CoreValueUpserted(value: saved))
            return Staff.UpsertCoreValueReply(value: saved, created: existing == nil)
        }
    }

    func deleteCoreValue(_ request: Staff.DeleteCoreValueRequest, _ context: CallContext) async throws
        -> Staff.DeleteCoreValueReply
    {
        let id = try Fields.slug(request.value_id, "value_id")
        return try await store.write(method: "DeleteCoreValue", idempotencyKey: context.idempotencyKey) { tx in
            guard try tx.deleteCoreValue(id: id) else { throw StoreError.notFound("core value", id) }
            try tx.record("core_value.deleted", subject: id, Staff.CoreValueDeleted(value_id: id))
            return Staff.DeleteCoreValueReply()
        }
    }
}
