import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func addOneToOneNote(_ request: Staff.AddOneToOneNoteRequest, key: String?) async throws -> Staff.OneToOneNote {
        try await write("AddOneToOneNote", key: key) { change in
            let id = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db).employee_id
                .stored("employee_id")
            _ = try Staff.Employee.fetch(try request.author_id.stored("author_id"), in: change.db, as: "author")
            let note = Staff.OneToOneNote(
                note_id: NewID.make("o2o"), employee_id: id, author_id: request.author_id, kind: request.kind,
                held_at_ms: request.held_at_ms ?? change.nowMs, text: request.text, agreements: request.agreements,
                created_at_ms: change.nowMs)
            try change.db.execute(
                sql:
                    "INSERT INTO one_to_one (note_id, employee_id, held_at_ms, created_at_ms, body) VALUES (?, ?, ?, ?, ?)",
                arguments: [note.note_id, id, note.held_at_ms, change.nowMs, try note.blob()])
            // The event says the conversation happened; its words stay here.
            try change.record(
                "one_to_one.recorded", subject: try note.note_id.stored("note_id"),
                Staff.OneToOneRecorded(
                    note_id: note.note_id, employee_id: id, author_id: note.author_id, kind: note.kind,
                    held_at_ms: note.held_at_ms))
            return note
        }
    }

    func listOneToOneNotes(_ request: Staff.ListOneToOneNotesRequest) async throws -> Staff.ListOneToOneNotesReply {
        let page = try Page(size: request.page_size, token: request.page_token)
        return try await readDB { db in
            let id = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: db).employee_id.stored(
                "employee_id")
            let notes = try Data.fetchAll(
                db,
                sql: """
                    SELECT body FROM one_to_one WHERE employee_id = ?
                    ORDER BY held_at_ms DESC, created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?
                    """,
                arguments: [id, page.limit, page.offset]
            ).map { try Staff.OneToOneNote(blob: $0) }
            let cut = page.cut(notes)
            return Staff.ListOneToOneNotesReply(notes: cut.rows, next_page_token: cut.next)
        }
    }

    func givePeerCompliment(
        _ request: Staff.GivePeerComplimentRequest, key: String?
    ) async throws
        -> Staff.PeerCompliment
    {
        try await write("GivePeerCompliment", key: key) { change in
            _ = try Staff.Employee.fetch(
                try request.from_employee_id.stored("from_employee_id"), in: change.db, as: "from_employee")
            let recipient = try Staff.Employee.fetch(
                try request.to_employee_id.stored("to_employee_id"), in: change.db, as: "to_employee")
            if let value = request.value_id { try Staff.CoreValue.requireKnown(value, in: change.db) }
            let compliment = Staff.PeerCompliment(
                compliment_id: NewID.make("cmp"), from_employee_id: request.from_employee_id,
                to_employee_id: request.to_employee_id, text: request.text, value_id: request.value_id,
                given_at_ms: change.nowMs, team_id: recipient.team_id)
            try change.db.execute(
                sql: """
                    INSERT INTO peer_compliment (compliment_id, from_employee_id, to_employee_id, team_id, value_id,
                        given_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    compliment.compliment_id, compliment.from_employee_id, compliment.to_employee_id,
                    compliment.team_id,
                    compliment.value_id, change.nowMs, try compliment.blob(),
                ])
            try change.record(
                "peer_compliment.given", subject: try compliment.compliment_id.stored("compliment_id"),
                Staff.PeerComplimentGiven(compliment: compliment))
            return compliment
        }
    }

    func listPeerCompliments(
        _ request: Staff.ListPeerComplimentsRequest
    ) async throws
        -> Staff.ListPeerComplimentsReply
    {
        let page = try Page(size: request.page_size, token: request.page_token)
        return try await readDB { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            for (column, value) in [
                ("to_employee_id", request.to_employee_id), ("from_employee_id", request.from_employee_id),
                ("team_id", request.team_id), ("value_id", request.value_id),
            ] {
                guard let value else { continue }
                clauses.append("\(column) = ?")
                arguments.append(value)
            }
            let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            let compliments = try Data.fetchAll(
                db,
                sql: "SELECT body FROM peer_compliment\(filter) ORDER BY given_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [page.limit, page.offset])
            ).map { try Staff.PeerCompliment(blob: $0) }
            let cut = page.cut(compliments)
            return Staff.ListPeerComplimentsReply(compliments: cut.rows, next_page_token: cut.next)
        }
    }
}
