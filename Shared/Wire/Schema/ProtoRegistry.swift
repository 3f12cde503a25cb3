import GlimlachProto

/// Every message and service of proto/, read once from the descriptor table that
/// scripts/gen-proto generates beside the protobuf-c code.
struct ProtoRegistry: Sendable {
    static let shared = ProtoRegistry()

    let messages: [String: MessageSchema]
    let services: [ServiceSchema]

    private init() {
        var messages: [String: MessageSchema] = [:]
        for index in 0..<glim_message_descriptor_count() {
            let schema = MessageSchema(glim_message_descriptor_at(index)!)
            messages[schema.fullName] = schema
        }
        self.messages = messages
        services = (0..<glim_service_descriptor_count())
            .map { ServiceSchema(glim_service_descriptor_at($0)!, messages: messages) }
            .sorted { $0.busName < $1.busName }
    }
}
