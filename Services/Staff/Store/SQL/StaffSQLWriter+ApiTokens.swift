import Contract
import ServiceKit

extension StaffSQLWriter {
    func insert(_ token: Staff.ApiToken, secretHash: String) throws {
        try session.execute(
            "INSERT INTO api_token (token_id, secret_hash, created_at_ms, revoked_at_ms, body) VALUES (?, ?, ?, ?, ?)",
            try token.token_id.stored("token_id"), secretHash, token.created_at_ms, token.revoked_at_ms,
            try token.blob())
    }

    func save(_ token: Staff.ApiToken) throws {
        let id = try token.token_id.stored("token_id")
        guard try apiToken(id: id) != nil else { throw StoreError.absent("token_id: no API token \(id)") }
        try session.execute(
            "UPDATE api_token SET revoked_at_ms = ?, body = ? WHERE token_id = ?", token.revoked_at_ms,
            try token.blob(), id)
    }
}
