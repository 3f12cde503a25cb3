import Foundation

/// How the tickets service behaves beyond its contract.
///
/// Configuration keys (read by `TicketsCommand`):
/// - `--sla-tick-seconds` / `GLIMLACH_TICKETS_SLA_TICK_SECONDS` (Int, default 30): how
///   often the scheduler flags at-risk and breached tickets.
/// - `--staff-timeout-ms` / `GLIMLACH_TICKETS_STAFF_TIMEOUT_MS` (Int, default 2000): the
///   budget of one call to staff; kept below a caller's usual 5 s so that "staff is
///   down" reaches the caller as UNAVAILABLE, not as its own deadline.
struct TicketsSettings: Sendable {
    /// Time between scheduler ticks.
    var slaTickInterval: Duration = .seconds(30)
    /// Budget of one call to staff.
    var staffTimeout: Duration = .milliseconds(2000)
    /// Countries whose standard calendars GetChannelCalendars lists even before anyone
    /// sets one (DOMAIN.md: at least NL and BE).
    var calendarCountries: [String] = ["NL", "BE"]
    /// The contact number on one order reference from which a ticket goes to Special Care.
    var repeatContactThreshold: UInt32 = 3
}
