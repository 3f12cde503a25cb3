import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // AddOneToOneNote, ListOneToOneNotes, GivePeerCompliment, ListPeerCompliments.
    func addOneToOneNote(_ request: Staff.AddOneToOneNoteRequest, _ context: CallContext) async throws
        -> Staff.AddOneToOneNoteReply
    {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let draft = Staff.OneToOneNote(
            employee_id: employeeID, author_id: try Fields.id(request.author_id, "author_id"),
            kind: try Checks.optionalChoice(request.kind, "kind") ?? .oneToOne, held_at_ms: request.held_at_ms,
            text: try Fields.text(request.text, "text", maxLength: 10_000),
            agreements: try Fields.optionalText(request.agreements, "agreements", maxLength: 4000))
        let note = try await store.write(method: "AddOneToOneNote", idempotencyKey: context.idempotencyKey) { tx in
            _ = try tx.existingEmployee(employeeID)
            _ = try tx.existingEmployee(try draft.author_id.stored("author_id"), as: "author")
            var note = draft
            note.note_id = NewID.make("o2o")
            note.held_at_ms = draft.held_at_ms ?? tx.nowMs
            note.created_at_ms = tx.nowMs
            try tx.insert(note)
            // The event says the conversation happened; its words stay here.
            try tx.record(
                "one_to_one.recorded", subject: try note.note_id.stored("note_id"),
                Staff.OneToOneRecorded(
                    note_id: note.note_id, employee_id: employeeID, author_id: note.author_id, kind: note.kind,
                    held_at_ms: note.held_at_ms))
            return note
        }
        return Staff.AddOneToOneNoteReply(note: note)
    }

    func listOneToOneNotes(_ request: Staff.ListOneToOneNotesRequest, _ context: CallContext) async throws
        -> Staff.ListOneToOneNotesReply
    {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let page = try Page(size: request.page_size, token: request.page_token)
        let notes = try await store.read { tx in
            _ = try tx.existingEmployee(employeeID)
            return try tx.oneToOneNotes(employeeID: employeeID, page: page)
        }
        let cut = page.cut(notes)
        return Staff.ListOneToOneNotesReply(notes: cut.rows, next_page_token: cut.next)
    }

    func givePeerCompliment(_ request: Staff.GivePeerComplimentRequest, _ context: CallContext) async throws
        -> Staff.GivePeerComplimentReply
    {
        let fromID = try Fields.id(request.from_employee_id, "from_employee_id")
        let toID = try Fields.id(request.to_employee_id, "to_employee_id")
        let text = try Fields.text(request.text, "text", maxLength: 2000)
        let valueID = try Fields.optionalSlug(request.value_id, "value_id")
        guard fromID != toID else {
            throw RPCError.invalidArgument(field: "to_employee_id", "a compliment goes to someone else")
        }
        let compliment = try await store.write(method: "GivePeerCompliment", idempotencyKey: context.idempotencyKey) {
            tx in
            _ = try tx.existingEmployee(fromID, as: "from_employee")
            let recipient = try tx.existingEmployee(toID, as: "to_employee")
            if let valueID { try tx.requireCoreValue(valueID) }
            let compliment = Staff.PeerCompliment(
                compliment_id: NewID.make("cmp"), from_employee_id: fromID, to_employee_id: toID, text: text,
                value_id: valueID, given_at_ms: tx.nowMs, team_id: recipient.team_id)
            try tx.insert(compliment)
            try tx.record(
                "peer_compliment.given", subject: try compliment.compliment_id.stored("compliment_id"),
                Staff.PeerComplimentGiven(compliment: compliment))
            return compliment
        }
        return Staff.GivePeerComplimentReply(compliment: compliment)
    }

    func listPeerCompliments(_ request: Staff.ListPeerComplimentsRequest, _ context: CallContext) async throws
        -> Staff.ListPeerComplimentsReply
    {
        let filter = try PeerComplimentFilter(request)
        let page = try Page(size: request.page_size, token: request.page_token)
        let cut = page.cut(try await store.read { try $0.peerCompliments(filter, page: page) })
        return Staff.ListPeerComplimentsReply(compliments: cut.rows, next_page_token: cut.next)
    }
}
