import Contract
import ServiceKit

extension StaffSQLReader {
    func apiToken(id: String) throws -> Staff.ApiToken? {
        try body("SELECT body FROM api_token WHERE token_id = ?", [.text(id)])
    }

    func apiToken(secretHash: String) throws -> Staff.ApiToken? {
        try body("SELECT body FROM api_token WHERE secret_hash = ?", [.text(secretHash)])
    }

    func apiTokens(includeRevoked: Bool, page: Page) throws -> [Staff.ApiToken] {
        let filter = includeRevoked ? "" : " WHERE revoked_at_ms IS NULL"
        return try bodies(
            "SELECT body FROM api_token\(filter) ORDER BY created_at_ms DESC, token_id LIMIT ? OFFSET ?",
            [page.limit.sqlValue, page.offset.sqlValue])
    }
}
