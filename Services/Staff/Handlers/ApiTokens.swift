import ApiAccess
import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // CreateApiToken, ListApiTokens, RevokeApiToken, AuthenticateApiToken (rules:
    // `ApiTokenRules`, scopes: `ApiScope.validated`; who may: `RightsInterceptor`).
    func createApiToken(_ request: Staff.CreateApiTokenRequest, _ context: CallContext) async throws
        -> Staff.CreateApiTokenReply
    {
        let name = try Fields.text(request.name, "name", maxLength: ApiTokenRules.maxNameLength)
        let scopes = try ApiScope.validated(request.scopes).map(\.description)
        let perMinute = try ApiTokenRules.requestsPerMinute(request.requests_per_minute)
        let secret = ApiTokenRules.newSecret()
        let secretHash = ApiTokenRules.hash(secret)
        let tokenID = NewID.make("tok")
        let createdBy = context.actor
        // The ledger keeps this reply for a retry with the same key: without the secret.
        let made = try await store.write(method: "CreateApiToken", idempotencyKey: context.idempotencyKey) { tx in
            let token = Staff.ApiToken(
                token_id: tokenID, name: name, scopes: scopes, requests_per_minute: perMinute,
                prefix: ApiTokenRules.visiblePrefix(of: secret), created_by: createdBy, created_at_ms: tx.nowMs)
            try tx.insert(token, secretHash: secretHash)
            try tx.record("api_token.created", subject: tokenID, Staff.ApiTokenCreated(token: token))
            return Staff.CreateApiTokenReply(token: token)
        }
        // A retry answers the first token, whose secret was shown once and is gone.
        guard made.token?.token_id == tokenID else { return made }
        return Staff.CreateApiTokenReply(token: made.token, secret: secret)
    }

    func listApiTokens(_ request: Staff.ListApiTokensRequest, _ context: CallContext) async throws
        -> Staff.ListApiTokensReply
    {
        let page = try Page(size: request.page_size, token: request.page_token)
        let includeRevoked = request.include_revoked ?? false
        let cut = page.cut(try await store.read { try $0.apiTokens(includeRevoked: includeRevoked, page: page) })
        return Staff.ListApiTokensReply(tokens: cut.rows, next_page_token: cut.next)
    }

    func revokeApiToken(_ request: Staff.RevokeApiTokenRequest, _ context: CallContext) async throws
        -> Staff.RevokeApiTokenReply
    {
        let tokenID = try Fields.id(request.token_id, "token_id")
        let revokedBy = context.actor
        return try await store.write(method: "RevokeApiToken", idempotencyKey: context.idempotencyKey) { tx in
            guard var token = try tx.apiToken(id: tokenID) else {
                throw StoreError.absent("token_id: no API token \(tokenID)")
            }
            guard token.revoked_at_ms == nil else { return Staff.RevokeApiTokenReply(token: token) }
            token.revoked_at_ms = tx.nowMs
            token.revoked_by = revokedBy
            try tx.save(token)
            try tx.record("api_token.revoked", subject: tokenID, Staff.ApiTokenRevoked(token: token))
            return Staff.RevokeApiTokenReply(token: token)
        }
    }

    func authenticateApiToken(_ request: Staff.AuthenticateApiTokenRequest, _ context: CallContext) async throws
        -> Staff.AuthenticateApiTokenReply
    {
        let secretHash = ApiTokenRules.hash(try ApiTokenRules.secret(request.secret))
        // Looked up by the hash: the database compares hashes, never the secret.
        guard let found = try await store.read({ try $0.apiToken(secretHash: secretHash) }) else {
            throw RPCError(.unauthenticated, "secret: no API token has this secret")
        }
        try ApiTokenRules.checkUsable(found)
        let nowMs = Int64((store.now.timeIntervalSince1970 * 1000).rounded())
        guard ApiTokenRules.shouldRecordUse(of: found, nowMs: nowMs) else {
            return Staff.AuthenticateApiTokenReply(token: found)
        }
        let used = try await store.write(method: "AuthenticateApiToken", idempotencyKey: nil) { tx in
            guard var token = try tx.apiToken(secretHash: secretHash) else {
                throw RPCError(.unauthenticated, "secret: no API token has this secret")
            }
            try ApiTokenRules.checkUsable(token)
            if ApiTokenRules.shouldRecordUse(of: token, nowMs: tx.nowMs) {
                token.last_used_at_ms = tx.nowMs
                try tx.save(token)
            }
            return Staff.AuthenticateApiTokenReply(token: token)
        }
        return used
    }
}
