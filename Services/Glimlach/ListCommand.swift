import ArgumentParser
import Wire

/// `glimlach list [SERVICE]`: the contract, from the generated descriptors.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List services and their methods; with a service, each method's request and reply fields.")

    @Argument(help: "A service, e.g. staff.") var service: String?

    func run() throws {
        guard let service else {
            for schema in ServiceSchema.all {
                print("\(schema.busName)  (\(schema.fullName), \(schema.methods.count) methods)")
                for method in schema.methods {
                    print("  \(method.name)(\(method.request.fullName)) -> \(method.reply.fullName)")
                }
            }
            return
        }
        guard let schema = ServiceSchema.named(service) else {
            printError("no service '\(service)'; services: \(ServiceSchema.all.map(\.busName).joined(separator: ", "))")
            throw ExitCode(2)
        }
        print("\(schema.busName)  (\(schema.fullName))")
        for method in schema.methods {
            print("\n\(method.name)")
            print("  request \(method.request.fullName)")
            describe(method.request, indent: "    ")
            print("  reply \(method.reply.fullName)")
            describe(method.reply, indent: "    ")
        }
    }

    private func describe(_ schema: MessageSchema, indent: String) {
        for field in schema.fields {
            print("\(indent)\(field.name): \(field.isRepeated ? "repeated " : "")\(typeName(field))")
        }
    }

    private func typeName(_ field: FieldSchema) -> String {
        switch field.kind {
        case .message: field.messageName!
        case .enumeration: field.enumName!
        default: "\(field.kind)"
        }
    }
}
