import Contract
import ServiceKit

extension SQLiteStaffWriter {
    func insert(_ token: Staff.ApiToken, secretHash: String) throws {
        try db.execute(
            sql: """
                INSERT INTO api_token (token_id, secret_hash, created_at_ms, revoked_at_ms, body)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                try token.token_id.stored("token_id"), secretHash, token.created_at_ms, token.revoked_at_ms,
                try token.blob(),
            ])
    }

    func save(_ token: Staff.ApiToken) throws {
        try db.execute(
            sql: "UPDATE api_token SET revoked_at_ms = ?, body = ? WHERE token_id = ?",
            arguments: [token.revoked_at_ms, try token.blob(), try token.token_id.stored("token_id")])
        guard db.changesCount == 1 else { throw StoreError.absent("token_id: no API token \(token.token_id ?? "")") }
    }
}
