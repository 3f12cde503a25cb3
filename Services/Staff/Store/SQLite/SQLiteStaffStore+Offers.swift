import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func makeOffer(_ request: Staff.MakeOfferRequest, key: String?) async throws -> Staff.Offer {
        try await write("MakeOffer", key: key) { change in
            let employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            let id = try employee.employee_id.stored("employee_id")
            let maker = try request.made_by_id.map { try Staff.Employee.fetch($0, in: change.db, as: "made_by") }
            try OfferRules.checkCanMake(to: employee, hadOffer: try Self.offer(ofEmployee: id, in: change.db) != nil)
            let amount = try OfferRules.amount(
                request.amount, policy: try Self.offerPolicy(in: change.db), maker: maker)
            let offer = Staff.Offer(
                offer_id: NewID.make("offer"), employee_id: id, amount: amount, status: .open,
                made_by_id: request.made_by_id, made_at_ms: change.nowMs)
            try Self.save(offer, in: change.db)
            try change.record(
                "offer.made", subject: try offer.offer_id.stored("offer_id"), Staff.OfferMade(offer: offer))
            return offer
        }
    }

    func offer(ofEmployee employeeID: String) async throws -> Staff.Offer {
        try await readDB { db in
            _ = try Staff.Employee.fetch(employeeID, in: db)
            guard let offer = try Self.offer(ofEmployee: employeeID, in: db) else {
                throw StoreError.absent("\(employeeID) has had no offer")
            }
            return offer
        }
    }

    func acceptOffer(_ offerID: String, key: String?) async throws -> Staff.AcceptOfferReply {
        try await write("AcceptOffer", key: key) { change in
            var offer = try Self.openOffer(offerID, in: change.db)
            var employee = try Staff.Employee.fetch(try offer.employee_id.stored("employee_id"), in: change.db)
            try OfferRules.checkCanTake(employee)
            offer.status = .accepted
            offer.decided_at_ms = change.nowMs
            try Self.save(offer, in: change.db)
            try change.record("offer.accepted", subject: offerID, Staff.OfferAccepted(offer: offer))
            let previousTeam = employee.team_id
            employee.status = .left
            employee.rehire_blocked = true
            employee.left_at_ms = change.nowMs
            employee.team_id = nil
            employee.updated_at_ms = change.nowMs
            try employee.save(in: change.db)
            try change.record(
                "employee.updated", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeUpdated(employee: employee, previous_status: .probation))
            if let team = previousTeam {
                try change.record(
                    "team.member_removed", subject: team,
                    Staff.TeamMemberRemoved(team_id: team, employee_id: employee.employee_id))
            }
            return Staff.AcceptOfferReply(offer: offer, employee: employee)
        }
    }

    func declineOffer(_ offerID: String, key: String?) async throws -> Staff.Offer {
        try await write("DeclineOffer", key: key) { change in
            var offer = try Self.openOffer(offerID, in: change.db)
            offer.status = .declined
            offer.decided_at_ms = change.nowMs
            try Self.save(offer, in: change.db)
            try change.record("offer.declined", subject: offerID, Staff.OfferDeclined(offer: offer))
            return offer
        }
    }

    func offerAcceptance(madeFromMs: Int64?, toMs: Int64?) async throws -> Staff.GetOfferAcceptanceRateReply {
        try await readDB { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT status, COUNT(*) AS n FROM offer WHERE made_at_ms >= ? AND made_at_ms < ? GROUP BY status",
                arguments: [madeFromMs ?? Int64.min, toMs ?? Int64.max])
            var counts: [Int32: UInt32] = [:]
            for row in rows { counts[row["status"]] = UInt32(row["n"] as Int64) }
            let accepted = counts[Staff.OfferStatus.accepted.rawValue] ?? 0
            let declined = counts[Staff.OfferStatus.declined.rawValue] ?? 0
            let open = counts[Staff.OfferStatus.open.rawValue] ?? 0
            let decided = accepted + declined
            return Staff.GetOfferAcceptanceRateReply(
                offers_made: accepted + declined + open, accepted: accepted, declined: declined, still_open: open,
                acceptance_rate: decided == 0 ? nil : Double(accepted) / Double(decided))
        }
    }

    static func offer(ofEmployee employeeID: String, in db: Database) throws -> Staff.Offer? {
        try Data.fetchOne(db, sql: "SELECT body FROM offer WHERE employee_id = ?", arguments: [employeeID])
            .map { try Staff.Offer(blob: $0) }
    }

    /// The offer with `id`: NOT_FOUND when unknown; `OfferRules.checkOpen` refuses a decided one.
    static func openOffer(_ id: String, in db: Database) throws -> Staff.Offer {
        guard
            let offer = try Data.fetchOne(db, sql: "SELECT body FROM offer WHERE offer_id = ?", arguments: [id])
                .map({ try Staff.Offer(blob: $0) })
        else { throw StoreError.notFound("offer", id) }
        try OfferRules.checkOpen(offer, id: id)
        return offer
    }

    static func save(_ offer: Staff.Offer, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO offer (offer_id, employee_id, status, made_at_ms, body) VALUES (?, ?, ?, ?, ?)",
            arguments: [offer.offer_id, offer.employee_id, offer.status?.rawValue, offer.made_at_ms, try offer.blob()])
    }
}
