import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func offerPolicy() async throws -> Staff.OfferPolicy {
        try await readDB { db in try Self.offerPolicy(in: db) }
    }

    func setOfferPolicy(_ policy: Staff.OfferPolicy, by: String, key: String?) async throws -> Staff.OfferPolicy {
        try await write("SetOfferPolicy", key: key) { change in
            let director = try Staff.Employee.fetch(by, in: change.db, as: "updated_by")
            guard director.role == .directorOfHappyCustomers else {
                throw Refusal.permission("updated_by_id: only a director of happy customers sets the offer policy")
            }
            var policy = policy
            policy.updated_by_id = by
            policy.updated_at_ms = change.nowMs
            try change.db.execute(
                sql: "INSERT OR REPLACE INTO offer_policy (id, body) VALUES (1, ?)", arguments: [try policy.blob()])
            try change.record("offer_policy.updated", subject: "offer_policy", Staff.OfferPolicyUpdated(policy: policy))
            return policy
        }
    }

    static func offerPolicy(in db: Database) throws -> Staff.OfferPolicy {
        try Data.fetchOne(db, sql: "SELECT body FROM offer_policy WHERE id = 1").map { try Staff.OfferPolicy(blob: $0) }
            ?? OfferRules.initialPolicy
    }
}
