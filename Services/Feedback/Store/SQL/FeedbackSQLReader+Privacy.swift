import Contract
import Foundation
import ServiceKit
import Wire

extension FeedbackSQLReader {
    func customerRecords(_ customerID: String) throws -> CustomerRecords {
        let invitations = try session.rows(
            "SELECT body FROM invitation WHERE customer_id = ? ORDER BY created_at_ms, invitation_id", customerID
        ).map { try Feedback.Invitation(row: $0) }
        let responses = try session.rows(
            "SELECT body FROM response WHERE customer_id = ? ORDER BY answered_at_ms, response_id", customerID
        ).map { try withFollowUp(try Feedback.SurveyResponse(row: $0)) }
        let compliments = try session.rows(
            """
            SELECT compliment.body FROM compliment JOIN response USING (response_id)
            WHERE response.customer_id = ? ORDER BY compliment.received_at_ms, compliment.compliment_id
            """, customerID
        ).map { try Feedback.Compliment(row: $0) }
        return CustomerRecords(
            invitations: invitations, responses: responses, compliments: compliments,
            optedOutAtMs: try optedOutAtMs(customerID: customerID),
            erasedAtMs: try session.value(
                Int64.self, "SELECT erased_at_ms FROM erased_customer WHERE customer_id = ?", [customerID.sqlValue]))
    }
}

extension FeedbackSQLWriter {
    func eraseAnswers(customerID: String) throws {
        let responses = try session.rows(
            "SELECT response_id, body FROM response WHERE customer_id = ? ORDER BY response_id", customerID)
        for row in responses {
            let id: String = row["response_id"]
            var response = try Feedback.SurveyResponse(row: row)
            response.comment = nil
            try session.execute(
                "UPDATE response SET comment = NULL, body = ? WHERE response_id = ?", try response.blob(), id)
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
        try session.execute(
            """
            INSERT INTO erased_customer (customer_id, erased_at_ms) VALUES (?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET erased_at_ms = excluded.erased_at_ms
            """, customerID, nowMs)
    }

    /// Decodes the `body` of each row `select` finds for `id`, applies `erase` and
    /// stores it back with `update` (body, id).
    private func rewrite<Message: WireMessage>(
        _ message: Message.Type, _ select: String, _ id: String, update: String, _ erase: (inout Message) -> Void
    ) throws {
        for row in try session.rows(select, id) {
            var stored = try Message(row: row)
            erase(&stored)
            try session.execute(update, try stored.blob(), row["id"] as String)
        }
    }
}
