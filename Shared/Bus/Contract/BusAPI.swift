import RPC

/// The broker's own methods (service "bus", see proto/bus.proto).
public enum BusAPI {
    public static let health = Method<HealthRequest, HealthReply>.health(MDP.brokerService)
    public static let listServices = Method<ListServicesRequest, ListServicesReply>(
        service: MDP.brokerService, name: "ListServices", idempotent: true)
}
