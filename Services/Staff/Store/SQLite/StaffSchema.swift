import Domain
import GRDB
import ServiceKit

/// The staff tables, in migration order. Names never change once shipped.
///
/// Rows keep money as minor units plus currency code, instants as Unix
/// milliseconds, dates as "YYYY-MM-DD" and months as "YYYY-MM". Pulse answers are
/// tallied per team, period and score, so no row links an answer to a person.
enum StaffSchema {
    static let migrations: [Migration] = [
        Migration("staff-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE employee (
                        employee_id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, email_key TEXT, phone TEXT,
                        team_id TEXT, employer_id TEXT NOT NULL, employer_kind INTEGER NOT NULL, site TEXT,
                        country TEXT, role INTEGER NOT NULL, start_date TEXT, status INTEGER NOT NULL,
                        budget_minor INTEGER, budget_currency TEXT, rehire_blocked INTEGER NOT NULL DEFAULT 0,
                        created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, left_at_ms INTEGER);
                    CREATE INDEX employee_team ON employee(team_id);
                    CREATE INDEX employee_email ON employee(email_key);
                    CREATE TABLE team (
                        team_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind INTEGER NOT NULL, lead_id TEXT,
                        site TEXT, employer_id TEXT, country TEXT,
                        created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
                    CREATE TABLE core_value (
                        value_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT,
                        position INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
                    CREATE TABLE evaluation (
                        evaluation_id TEXT PRIMARY KEY, candidate_id TEXT NOT NULL,
                        recorded_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX evaluation_candidate ON evaluation(candidate_id);
                    CREATE TABLE onboarding (
                        employee_id TEXT PRIMARY KEY, training_weeks INTEGER NOT NULL);
                    CREATE TABLE onboarding_step (
                        step_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, position INTEGER NOT NULL,
                        body BLOB NOT NULL);
                    CREATE INDEX onboarding_step_employee ON onboarding_step(employee_id, position);
                    CREATE TABLE offer (
                        offer_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL UNIQUE, status INTEGER NOT NULL,
                        made_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE TABLE plan (
                        employee_id TEXT PRIMARY KEY, ambition TEXT, updated_at_ms INTEGER NOT NULL);
                    CREATE TABLE goal (
                        goal_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, created_at_ms INTEGER NOT NULL,
                        body BLOB NOT NULL);
                    CREATE INDEX goal_employee ON goal(employee_id, created_at_ms);
                    CREATE TABLE one_to_one (
                        note_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, held_at_ms INTEGER NOT NULL,
                        created_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX one_to_one_employee ON one_to_one(employee_id, held_at_ms);
                    CREATE TABLE peer_compliment (
                        compliment_id TEXT PRIMARY KEY, from_employee_id TEXT NOT NULL, to_employee_id TEXT NOT NULL,
                        team_id TEXT, value_id TEXT, given_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE TABLE pulse_answered (
                        employee_id TEXT NOT NULL, period TEXT NOT NULL, PRIMARY KEY (employee_id, period));
                    CREATE TABLE pulse_tally (
                        team_id TEXT NOT NULL, period TEXT NOT NULL, score INTEGER NOT NULL, answers INTEGER NOT NULL,
                        PRIMARY KEY (team_id, period, score));
                    CREATE TABLE budget_entry (
                        entry_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, month TEXT NOT NULL,
                        amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, gesture_id TEXT UNIQUE,
                        spent_at_ms INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX budget_entry_month ON budget_entry(employee_id, month, spent_at_ms);
                    """)
            for value in CoreValue.defaults {
                try db.execute(
                    sql: "INSERT INTO core_value (value_id, name, position, updated_at_ms) VALUES (?, ?, ?, 0)",
                    arguments: [value.id, value.name, value.position])
            }
        },
        Migration("staff-v2-offer-policy") { db in
            try db.execute(
                sql: "CREATE TABLE offer_policy (id INTEGER PRIMARY KEY CHECK (id = 1), body BLOB NOT NULL)")
            try db.execute(
                sql: "INSERT INTO offer_policy (id, body) VALUES (1, ?)",
                arguments: [try OfferRules.initialPolicy.blob()])
        },
        Migration("staff-v3-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        employee_id TEXT PRIMARY KEY, password_hash TEXT, deactivated INTEGER NOT NULL DEFAULT 0,
                        updated_at_ms INTEGER NOT NULL)
                    """)
        },
        // Invitations by link: the SHA-256 of the token, never the token.
        Migration("staff-v4-account-invitations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account_invitation (
                        token_hash TEXT PRIMARY KEY, employee_id TEXT NOT NULL, expires_at_ms INTEGER NOT NULL,
                        used_at_ms INTEGER, replaced INTEGER NOT NULL DEFAULT 0, body BLOB NOT NULL);
                    CREATE INDEX account_invitation_employee ON account_invitation(employee_id);
                    """)
        },
        // API tokens: the SHA-256 of the secret, never the secret.
        Migration("staff-v5-api-tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE api_token (
                        token_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, created_at_ms INTEGER NOT NULL,
                        revoked_at_ms INTEGER, body BLOB NOT NULL);
                    CREATE INDEX api_token_created ON api_token(created_at_ms);
                    """)
        },
    ]
}
