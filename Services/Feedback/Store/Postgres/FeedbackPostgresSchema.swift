import Contract
import Foundation
import ServiceKit

/// The feedback database on PostgreSQL: the tables of `FeedbackSchema` as they
/// stand after its last step, in PostgreSQL's types (booleans kept as 0/1
/// integers, as on SQLite, so the queries are the same), with the default theme
/// rules it seeds. `rowid` orders rows recorded in the same millisecond, as
/// SQLite's implicit one does; the ids that break ties in a listing sort byte by
/// byte (`COLLATE "C"`), as on SQLite, whatever the database's locale.
enum FeedbackPostgresSchema {
    /// - Throws: `WireError` when a default theme rule does not encode.
    static func migrations() throws -> [PostgresMigration] {
        [PostgresMigration("feedback-v1", tables + (try seed()))]
    }

    private static let tables = """
        CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence BIGINT NOT NULL);
        CREATE TABLE invitation (
            invitation_id TEXT COLLATE "C" PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
            token TEXT UNIQUE, stored_status BIGINT NOT NULL, customer_id TEXT, ticket_id TEXT,
            created_at_ms BIGINT NOT NULL, send_at_ms BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL,
            body BYTEA NOT NULL);
        CREATE INDEX invitation_customer ON invitation (customer_id, send_at_ms);
        CREATE INDEX invitation_ticket ON invitation (ticket_id);
        CREATE TABLE response (
            response_id TEXT COLLATE "C" PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
            invitation_id TEXT UNIQUE, score BIGINT NOT NULL, category BIGINT NOT NULL,
            answered_at_ms BIGINT NOT NULL, channel BIGINT, country TEXT, product_category TEXT, agent_id TEXT,
            team_id TEXT, ticket_id TEXT, comment TEXT, consent BIGINT NOT NULL, themes TEXT NOT NULL,
            body BYTEA NOT NULL, language TEXT, given_themes TEXT NOT NULL DEFAULT ',', customer_id TEXT);
        CREATE INDEX response_answered ON response (answered_at_ms);
        CREATE INDEX response_by_customer ON response (customer_id);
        CREATE TABLE follow_up (
            response_id TEXT PRIMARY KEY REFERENCES response (response_id),
            rowid BIGINT GENERATED ALWAYS AS IDENTITY, status BIGINT NOT NULL, requested_at_ms BIGINT NOT NULL,
            next_attempt_at_ms BIGINT NOT NULL, follow_up_ticket_id TEXT, request BYTEA NOT NULL,
            body BYTEA NOT NULL);
        CREATE INDEX follow_up_due ON follow_up (status, next_attempt_at_ms);
        CREATE TABLE compliment (
            compliment_id TEXT COLLATE "C" PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
            employee_id TEXT, team_id TEXT, value_ids TEXT NOT NULL, consent BIGINT NOT NULL,
            received_at_ms BIGINT NOT NULL, body BYTEA NOT NULL, response_id TEXT);
        CREATE INDEX compliment_by_response ON compliment (response_id);
        CREATE TABLE story (
            story_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, title TEXT NOT NULL,
            story_body TEXT NOT NULL, employee_ids TEXT NOT NULL, team_ids TEXT NOT NULL, value_ids TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE TABLE story_reaction (
            story_id TEXT NOT NULL REFERENCES story (story_id), employee_id TEXT NOT NULL, kind BIGINT NOT NULL,
            PRIMARY KEY (story_id, employee_id, kind));
        CREATE TABLE theme_rule (
            rule_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, created_at_ms BIGINT NOT NULL,
            body BYTEA NOT NULL);
        CREATE TABLE opt_out (customer_id TEXT PRIMARY KEY, at_ms BIGINT NOT NULL);
        CREATE TABLE erased_customer (customer_id TEXT PRIMARY KEY, erased_at_ms BIGINT NOT NULL);

        """

    /// The rows SQLite's migrations insert: the default theme rules, in order, as
    /// literals (a migration's statements take no arguments).
    private static func seed() throws -> String {
        try DefaultThemeRules.rules.map { rule in
            let body = try rule.blob().map { String(format: "%02x", $0) }.joined()
            return
                "INSERT INTO theme_rule (rule_id, created_at_ms, body) VALUES (\(literal(rule.rule_id ?? "")), 0, decode('\(body)', 'hex'));"
        }.joined(separator: "\n")
    }

    /// `text` as an SQL string literal.
    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
