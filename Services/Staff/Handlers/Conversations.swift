import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // AddOneToOneNote, ListOneToOneNotes, GivePeerCompliment, ListPeerCompliments.
    func addOneToOneNote(_ request: Staff.AddOneToOneNoteRequest, _ context: CallContext) async throws
        -> Staff.AddOneToOneNoteReply
    {
        let clean = Staff.AddOneToOneNoteRequest(
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            author_id: try Fields.id(request.author_id, "author_id"),
            kind: try Checks.optionalChoice(request.kind, "kind") ?? .oneToOne,
            held_at_ms: request.held_at_ms,
            text: try Fields.text(request.text, "text", maxLength: 10_000),
            agreements: try Fields.optionalText(request.agreements, "agreements", maxLength: 4000))
        return Staff.AddOneToOneNoteReply(note: try await store.addOneToOneNote(clean, key: context.idempotencyKey))
    }

    func listOneToOneNotes(_ request: Staff.ListOneToOneNotesRequest, _ context: CallContext) async throws
        -> Staff.ListOneToOneNotesReply
    {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        return try await store.listOneToOneNotes(clean)
    }

    func givePeerCompliment(_ request: Staff.GivePeerComplimentRequest, _ context: CallContext) async throws
        -> Staff.GivePeerComplimentReply
    {
        let clean = Staff.GivePeerComplimentRequest(
            from_employee_id: try Fields.id(request.from_employee_id, "from_employee_id"),
            to_employee_id: try Fields.id(request.to_employee_id, "to_employee_id"),
            text: try Fields.text(request.text, "text", maxLength: 2000),
            value_id: try Fields.optionalSlug(request.value_id, "value_id"))
        guard clean.from_employee_id != clean.to_employee_id else {
            throw RPCError.invalidArgument(field: "to_employee_id", "a compliment goes to someone else")
        }
        return Staff.GivePeerComplimentReply(
            compliment: try await store.givePeerCompliment(clean, key: context.idempotencyKey))
    }

    func listPeerCompliments(_ request: Staff.ListPeerComplimentsRequest, _ context: CallContext) async throws
        -> Staff.ListPeerComplimentsReply
    {
        var clean = request
        clean.to_employee_id = try Fields.optionalID(request.to_employee_id, "to_employee_id")
        clean.from_employee_id = try Fields.optionalID(request.from_employee_id, "from_employee_id")
        clean.team_id = try Fields.optionalID(request.team_id, "team_id")
        clean.value_id = try Fields.optionalSlug(request.value_id, "value_id")
        return try await store.listPeerCompliments(clean)
    }
}
