import CProtobufC

/// A `service` block of the contract: its methods with request and reply types.
public struct ServiceSchema: Sendable {
    /// One `rpc` line.
    public struct Method: Sendable {
        public let name: String
        public let request: MessageSchema
        public let reply: MessageSchema
    }

    /// Full name, e.g. `glimlach.staff.Staff`.
    public let fullName: String
    /// The name services register on the bus: the service's short name, lowercased
    /// (`staff`, `tickets`, `bus`).
    public let busName: String
    public let methods: [Method]

    init(_ descriptor: UnsafePointer<ProtobufCServiceDescriptor>, messages: [String: MessageSchema]) {
        let service = descriptor.pointee
        fullName = String(cString: service.name)
        busName = String(cString: service.short_name).lowercased()
        methods = (0..<Int(service.n_methods)).map { index in
            let method = service.methods[index]
            return Method(
                name: String(cString: method.name),
                request: messages[String(cString: method.input.pointee.name)]!,
                reply: messages[String(cString: method.output.pointee.name)]!)
        }
    }

    /// The method called `name`, if the service offers it.
    public func method(named name: String) -> Method? {
        methods.first { $0.name == name }
    }

    /// The service registered on the bus as `busName`, e.g. `tickets`.
    public static func named(_ busName: String) -> ServiceSchema? {
        ProtoRegistry.shared.services.first { $0.busName == busName }
    }

    /// Every service of the contract, sorted by bus name.
    public static var all: [ServiceSchema] { ProtoRegistry.shared.services }
}
