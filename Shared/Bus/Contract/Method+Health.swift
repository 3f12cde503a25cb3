import RPC

extension Method where Request == HealthRequest, Reply == HealthReply {
    /// `Health` of `service`: every service has it.
    public static func health(_ service: String) -> Method<HealthRequest, HealthReply> {
        Method(service: service, name: "Health", idempotent: true)
    }
}
