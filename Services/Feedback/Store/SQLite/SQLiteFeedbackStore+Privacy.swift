import Contract
import Foundation
import GRDB
import ServiceKit
import Wire

extension SQLiteFeedbackReader {
    func customerRecords(_ customerID: String) throws -> CustomerRecords {
        let invitations = try Row.fetchAll(
            db, sql: "SELECT body FROM invitation WHERE customer_id = ? ORDER BY created_at_ms, invitation_id",
            arguments: [customerID]
        ).map { try Feedback.Invitation(row: $0) }
        let responses = try Row.fetchAll(
            db, sql: "SELECT body FROM response WHERE customer_id = ? ORDER BY answered_at_ms, response_id",
            arguments: [customerID]
        ).map { try withFollowUp(try Feedback.SurveyResponse(row: $0)) }
        let compliments = try Row.fetchAll(
            db,
            sql: """
                SELECT compliment.body FROM compliment JOIN response USING (response_id)
                WHERE response.customer_id = ? ORDER BY compliment.received_at_ms, compliment.compliment_id
                """,
            arguments: [customerID]
        ).map { try Feedback.Compliment(row: $0) }
        return CustomerRecords(
            invitations: invitations, responses: responses, compliments: compliments,
            optedOutAtMs: try optedOutAtMs(customerID: customerID),
            erasedAtMs: try Int64.fetchOne(
                db, sql: "SELECT erased_at_ms FROM erased_customer WHERE customer_id = ?", arguments: [customerID]))
    }
}

extension SQLiteFeedbackWriter {
    func eraseAnswers(customerID: String) throws {
        let responses = try Row.fetchAll(
            db, sql: "SELECT response_id, body FROM response WHERE customer_id = ?", arguments: [customerID])
        for row in responses {
            let id: String = row["response_id"]
            var response = try Feedback.SurveyResponse(row: row)
            response.comment = nil
            try db.execute(
                sql: "UPDATE response SET comment = NULL, body = ? WHERE response_id = ?",
                arguments: [try response.blob(), id])
            try rewrite(
                Feedback.Compliment.self, "SELECT compliment_id AS id, body FROM compliment WHERE response_id = ?", id,
                update: "UPDATE compliment SET body = ? WHERE compliment_id = ?"
            ) {
                $0.text = nil
                $0.customer_display_name = nil
            }
            try rewrite(
                Tickets.OpenFollowUpRequest.self,
                "SELECT response_id AS id, request AS body FROM follow_up WHERE response_id = ?", id,
                update: "UPDATE follow_up SET request = ? WHERE response_id = ?"
            ) {
                $0.comment = nil
                $0.customer?.name = nil
                $0.customer?.handle = nil
            }
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO erased_customer (customer_id, erased_at_ms) VALUES (?, ?)",
            arguments: [customerID, nowMs])
    }

    /// Decodes the `body` of each row `select` finds for `id`, applies `erase` and
    /// stores it back with `update` (body, id).
    private func rewrite<Message: WireMessage>(
        _ message: Message.Type, _ select: String, _ id: String, update: String, _ erase: (inout Message) -> Void
    ) throws {
        for row in try Row.fetchAll(db, sql: select, arguments: [id]) {
            var stored = try Message(row: row)
            erase(&stored)
            try db.execute(sql: update, arguments: [try stored.blob(), row["id"] as String])
        }
    }
}
