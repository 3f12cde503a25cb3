import Contract
import GRDB
import ServiceKit

/// The feedback tables. Each entity keeps its contract message, wire-encoded, in
/// `body` (so every field round-trips without mapping code) next to the columns that
/// listings filter and sort on. Lists of slugs or ids are stored as ",a,b," so a
/// filter finds ",a," in the column. `FeedbackPostgresSchema` is the same on PostgreSQL.
enum FeedbackSchema {
    static let migrations = [
        Migration("feedback-1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
                    CREATE TABLE invitation (
                        invitation_id TEXT PRIMARY KEY, token TEXT UNIQUE, stored_status INTEGER NOT NULL,
                        customer_id TEXT, ticket_id TEXT, created_at_ms INTEGER NOT NULL,
                        send_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX invitation_customer ON invitation (customer_id, send_at_ms);
                    CREATE INDEX invitation_ticket ON invitation (ticket_id);
                    CREATE TABLE response (
                        response_id TEXT PRIMARY KEY, invitation_id TEXT UNIQUE, score INTEGER NOT NULL,
                        category INTEGER NOT NULL, answered_at_ms INTEGER NOT NULL, channel INTEGER,
                        country TEXT, product_category TEXT, agent_id TEXT, team_id TEXT, ticket_id TEXT,
                        comment TEXT, consent INTEGER NOT NULL, themes TEXT NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX response_answered ON response (answered_at_ms);
                    CREATE TABLE follow_up (
                        response_id TEXT PRIMARY KEY REFERENCES response(response_id), status INTEGER NOT NULL,
                        requested_at_ms INTEGER NOT NULL, next_attempt_at_ms INTEGER NOT NULL,
                        follow_up_ticket_id TEXT, request BLOB NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX follow_up_due ON follow_up (status, next_attempt_at_ms);
                    CREATE TABLE compliment (
                        compliment_id TEXT PRIMARY KEY, employee_id TEXT, team_id TEXT, value_ids TEXT NOT NULL,
                        consent INTEGER NOT NULL, received_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE TABLE story (
                        story_id TEXT PRIMARY KEY, title TEXT NOT NULL, story_body TEXT NOT NULL,
                        employee_ids TEXT NOT NULL, team_ids TEXT NOT NULL, value_ids TEXT NOT NULL,
                        created_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE TABLE story_reaction (
                        story_id TEXT NOT NULL REFERENCES story(story_id), employee_id TEXT NOT NULL,
                        kind INTEGER NOT NULL, PRIMARY KEY (story_id, employee_id, kind));
                    CREATE TABLE theme_rule (
                        rule_id TEXT PRIMARY KEY, created_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    """)
        },
        // The answer's language and the themes its sender gave, so rules can be
        // applied again to earlier answers (older answers keep all their themes as
        // given); the default rules, applied to the answers already stored (no
        // events: a migration has no outbox write; analytics does not count themes).
        Migration("feedback-2") { db in
            try db.execute(
                sql: """
                    ALTER TABLE response ADD COLUMN language TEXT;
                    ALTER TABLE response ADD COLUMN given_themes TEXT NOT NULL DEFAULT ',';
                    UPDATE response SET given_themes = themes;
                    """)
            for rule in DefaultThemeRules.rules {
                try db.execute(
                    sql: "INSERT INTO theme_rule (rule_id, created_at_ms, body) VALUES (?, 0, ?)",
                    arguments: [rule.rule_id, try rule.blob()])
            }
            let reader = FeedbackSQLReader(session: db)
            for response in ThemeMatching.refreshed(try reader.commentedAnswers(), rules: try reader.themeRules()) {
                try FeedbackSQLWriter.saveThemes(response, in: db)
            }
        },
        // Customers who asked for no more surveys, by customer id.
        Migration("feedback-3") { db in
            try db.execute(sql: "CREATE TABLE opt_out (customer_id TEXT PRIMARY KEY, at_ms INTEGER NOT NULL)")
        },
        // Customers erased on request; an answer's customer and the answer a compliment
        // came from as columns, so an export or erasure finds a customer's answers and
        // the compliments they gave (filled from the stored bodies).
        Migration("feedback-4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE erased_customer (customer_id TEXT PRIMARY KEY, erased_at_ms INTEGER NOT NULL);
                    ALTER TABLE response ADD COLUMN customer_id TEXT;
                    ALTER TABLE compliment ADD COLUMN response_id TEXT;
                    """)
            for row in try Row.fetchAll(db, sql: "SELECT response_id, body FROM response") {
                let response = try Feedback.SurveyResponse(row: row)
                try db.execute(
                    sql: "UPDATE response SET customer_id = ? WHERE response_id = ?",
                    arguments: [response.customer_id, row["response_id"] as String])
            }
            for row in try Row.fetchAll(db, sql: "SELECT compliment_id, body FROM compliment") {
                let compliment = try Feedback.Compliment(row: row)
                try db.execute(
                    sql: "UPDATE compliment SET response_id = ? WHERE compliment_id = ?",
                    arguments: [compliment.response_id, row["compliment_id"] as String])
            }
            try db.execute(
                sql: """
                    CREATE INDEX response_by_customer ON response (customer_id);
                    CREATE INDEX compliment_by_response ON compliment (response_id);
                    """)
        },
    ]
}
