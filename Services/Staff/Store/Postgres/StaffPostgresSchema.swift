import Domain
import Foundation
import ServiceKit

/// The staff database on PostgreSQL: the tables of `StaffSchema` as they stand
/// after its last step, in PostgreSQL's types (booleans kept as 0/1 integers, as on
/// SQLite, so the queries are the same), with the same seed rows. `rowid` orders
/// rows recorded in the same millisecond, as SQLite's implicit one does; names sort
/// byte by byte (`COLLATE "C"`), as on SQLite, whatever the database's locale.
enum StaffPostgresSchema {
    /// - Throws: `WireError` when the initial offer policy does not encode.
    static func migrations() throws -> [PostgresMigration] {
        [PostgresMigration("staff-v1", tables + (try seed()))]
    }

    private static let tables = """
        CREATE TABLE employee (
            employee_id TEXT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, email TEXT, email_key TEXT, phone TEXT,
            team_id TEXT, employer_id TEXT NOT NULL, employer_kind BIGINT NOT NULL, site TEXT,
            country TEXT, role BIGINT NOT NULL, start_date TEXT, status BIGINT NOT NULL,
            budget_minor BIGINT, budget_currency TEXT, rehire_blocked BIGINT NOT NULL DEFAULT 0,
            created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, left_at_ms BIGINT);
        CREATE INDEX employee_team ON employee (team_id);
        CREATE INDEX employee_email ON employee (email_key);
        CREATE TABLE team (
            team_id TEXT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, kind BIGINT NOT NULL, lead_id TEXT,
            site TEXT, employer_id TEXT, country TEXT,
            created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL);
        CREATE TABLE core_value (
            value_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT,
            position BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL);
        CREATE TABLE evaluation (
            evaluation_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, candidate_id TEXT NOT NULL,
            recorded_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE INDEX evaluation_candidate ON evaluation (candidate_id);
        CREATE TABLE onboarding (
            employee_id TEXT PRIMARY KEY, training_weeks BIGINT NOT NULL);
        CREATE TABLE onboarding_step (
            step_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, position BIGINT NOT NULL,
            body BYTEA NOT NULL);
        CREATE INDEX onboarding_step_employee ON onboarding_step (employee_id, position);
        CREATE TABLE offer (
            offer_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL UNIQUE, status BIGINT NOT NULL,
            made_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE TABLE offer_policy (id BIGINT PRIMARY KEY CHECK (id = 1), body BYTEA NOT NULL);
        CREATE TABLE plan (
            employee_id TEXT PRIMARY KEY, ambition TEXT, updated_at_ms BIGINT NOT NULL);
        CREATE TABLE goal (
            goal_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, employee_id TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE INDEX goal_employee ON goal (employee_id, created_at_ms);
        CREATE TABLE one_to_one (
            note_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, employee_id TEXT NOT NULL,
            held_at_ms BIGINT NOT NULL, created_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE INDEX one_to_one_employee ON one_to_one (employee_id, held_at_ms);
        CREATE TABLE peer_compliment (
            compliment_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
            from_employee_id TEXT NOT NULL, to_employee_id TEXT NOT NULL,
            team_id TEXT, value_id TEXT, given_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE TABLE pulse_answered (
            employee_id TEXT NOT NULL, period TEXT NOT NULL, PRIMARY KEY (employee_id, period));
        CREATE TABLE pulse_tally (
            team_id TEXT NOT NULL, period TEXT NOT NULL, score BIGINT NOT NULL, answers BIGINT NOT NULL,
            PRIMARY KEY (team_id, period, score));
        CREATE TABLE budget_entry (
            entry_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY, employee_id TEXT NOT NULL,
            month TEXT NOT NULL, amount_minor BIGINT NOT NULL, currency TEXT NOT NULL, gesture_id TEXT UNIQUE,
            spent_at_ms BIGINT NOT NULL, body BYTEA NOT NULL);
        CREATE INDEX budget_entry_month ON budget_entry (employee_id, month, spent_at_ms);
        CREATE TABLE account (
            employee_id TEXT PRIMARY KEY, password_hash TEXT, deactivated BIGINT NOT NULL DEFAULT 0,
            updated_at_ms BIGINT NOT NULL);
        CREATE TABLE account_invitation (
            token_hash TEXT PRIMARY KEY, employee_id TEXT NOT NULL, expires_at_ms BIGINT NOT NULL,
            used_at_ms BIGINT, replaced BIGINT NOT NULL DEFAULT 0, body BYTEA NOT NULL);
        CREATE INDEX account_invitation_employee ON account_invitation (employee_id);
        CREATE TABLE api_token (
            token_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, created_at_ms BIGINT NOT NULL,
            revoked_at_ms BIGINT, body BYTEA NOT NULL);
        CREATE INDEX api_token_created ON api_token (created_at_ms);

        """

    /// The rows SQLite's migrations insert: the default core values and the
    /// initial offer policy, as literals (a migration's statements take no arguments).
    private static func seed() throws -> String {
        let values = CoreValue.defaults.map {
            "INSERT INTO core_value (value_id, name, position, updated_at_ms) VALUES (\(literal($0.id)), \(literal($0.name)), \($0.position), 0);"
        }
        let policy = try OfferRules.initialPolicy.blob().map { String(format: "%02x", $0) }.joined()
        return (values + ["INSERT INTO offer_policy (id, body) VALUES (1, decode('\(policy)', 'hex'))"])
            .joined(separator: "\n")
    }

    /// `text` as an SQL string literal.
    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
