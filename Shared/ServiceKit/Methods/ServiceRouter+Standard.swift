import Bus

extension ServiceRouter {
    /// Serves what every service answers the same way: `Health` (serving, release,
    /// uptime since `started`, last event sequence) and, when the service keeps
    /// events, `Since` from `events`.
    public mutating func registerStandardMethods(
        events: (any EventLog)?, started: ContinuousClock.Instant = ContinuousClock.now
    ) {
        let name = service
        register(Method<HealthRequest, HealthReply>.health(name)) { _, _ in
            let uptime = ContinuousClock.now - started
            return HealthReply(
                service: name, status: .serving, version: GlimlachRelease.version,
                uptime_ms: UInt64(
                    uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000),
                last_sequence: try await events?.lastSequence())
        }
        if let events {
            register(Method<SinceRequest, SinceReply>(service: name, name: "Since", idempotent: true)) { request, _ in
                try await events.since(request)
            }
        }
    }
}
