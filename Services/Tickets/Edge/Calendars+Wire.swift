import Bus
import Contract
import Domain
import Foundation
import ServiceKit

// The domain's `ChannelCalendar` and `FirstResponseTarget` are Codable in the wire
// shape of their tickets messages, so JSON carries one into the other: the domain
// checks every field on the way in.

extension Tickets.ChannelCalendar {
    /// The wire form of a domain calendar.
    init(_ calendar: Domain.ChannelCalendar, updatedAtMs: Int64?) {
        self = Self.convert(calendar, to: Tickets.ChannelCalendar.self)
        updated_at_ms = updatedAtMs
    }

    /// The checked domain calendar; a missing zone is the country's.
    /// - Throws: INVALID_ARGUMENT naming the field under `field` ("calendar.time_zone").
    func checked(field: String) throws(RPCError) -> Domain.ChannelCalendar {
        _ = try Fields.required(channel, "\(field).channel")
        let code = try Fields.required(country, "\(field).country")
        var filled = self
        do {
            let country = try Country(code, field: "\(field).country")
            if time_zone?.isEmpty ?? true {
                guard let zone = country.defaultTimeZone else {
                    throw RPCError.invalidArgument(
                        field: "\(field).time_zone", "must be set: \(code) has no default zone")
                }
                filled.time_zone = zone.identifier
            }
            let data = try JSONEncoder().encode(filled)
            return try JSONDecoder().decode(Domain.ChannelCalendar.self, from: data)
        } catch let error as DomainError {
            throw RPCError.invalidArgument(field: "\(field).\(error.field)", error.reason)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.invalidArgument, "\(field): \(error)")
        }
    }
}

extension Tickets.ResponseTarget {
    /// The wire form of a domain target.
    init(_ target: FirstResponseTarget, updatedAtMs: Int64?) {
        self = Tickets.ChannelCalendar.convert(target, to: Tickets.ResponseTarget.self)
        updated_at_ms = updatedAtMs
    }

    /// The checked domain target.
    /// - Throws: INVALID_ARGUMENT naming the field under `field` ("target.target_ms").
    func checked(field: String) throws(RPCError) -> FirstResponseTarget {
        _ = try Fields.required(channel, "\(field).channel")
        do {
            return try JSONDecoder().decode(FirstResponseTarget.self, from: JSONEncoder().encode(self))
        } catch let error as DomainError {
            throw RPCError.invalidArgument(field: "\(field).\(error.field)", error.reason)
        } catch {
            throw RPCError(.invalidArgument, "\(field): \(error)")
        }
    }
}

extension Tickets.ChannelCalendar {
    /// One Codable value as another of the same JSON shape; both sides are ours, so a
    /// mismatch is a programming error.
    static func convert<From: Encodable, To: Decodable>(_ value: From, to: To.Type) -> To {
        do {
            return try JSONDecoder().decode(To.self, from: JSONEncoder().encode(value))
        } catch {
            preconditionFailure("\(From.self) does not carry over to \(To.self): \(error)")
        }
    }
}
