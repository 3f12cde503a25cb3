import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    /// The offer policy in force (`OfferRules.initialPolicy` until one is set).
    static func offerPolicy(in db: Database) throws -> Staff.OfferPolicy {
        try Data.fetchOne(db, sql: "SELECT body FROM offer_policy WHERE id = 1").map { try Staff.OfferPolicy(blob: $0) }
            ?? OfferRules.initialPolicy
    }
}
