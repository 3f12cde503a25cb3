import Wire

/// The service side of a package's file: the handler protocol a service adopts and
/// the typed client callers use.
extension PackageFile {
    /// The rpcs a service implements itself; shared code serves Health and Since.
    private var ownMethods: [ServiceSchema.Method] {
        service.methods.filter { !["Health", "Since"].contains($0.name) }
    }

    private func signature(_ method: ServiceSchema.Method) -> (name: String, request: String, reply: String) {
        (
            Naming.lowerCamel(method.name), swiftType(message: method.request.fullName),
            swiftType(message: method.reply.fullName)
        )
    }

    /// `<Namespace>.Handler` (one requirement per rpc) and `ServiceRouter.register(_:)` for it.
    var handlerProtocol: [String] {
        var lines = [
            "",
            "extension \(namespace) {",
            "    /// What the \(service.busName) service implements: one requirement per rpc of",
            "    /// `\(service.fullName)` but Health and Since, which shared code serves. A missing",
            "    /// method fails the build; `ServiceRouter.register(_:)` serves them all.",
            "    public protocol Handler: Sendable {",
        ]
        for method in ownMethods {
            let (name, request, reply) = signature(method)
            lines += [
                "        /// `\(method.name)`.",
                "        func \(name)(_ request: \(request), _ context: CallContext) async throws -> \(reply)",
            ]
        }
        lines += ["    }", "}", "", "extension ServiceRouter {"]
        lines += [
            "    /// Serves every method of `\(namespace).Handler` with `handler`.",
            "    public mutating func register(_ handler: some \(namespace).Handler) {",
        ]
        for method in ownMethods {
            let name = signature(method).name
            lines.append("        register(\(namespace).\(name)) { try await handler.\(name)($0, $1) }")
        }
        return lines + ["    }", "}"]
    }

    /// `<Namespace>.Client`: one typed call per rpc, through any transport.
    var client: [String] {
        var lines = [
            "",
            "extension \(namespace) {",
            "    /// Calls `\(service.fullName)` through any transport, one typed method per rpc.",
            "    public struct Client: Sendable {",
            "        public let transport: any RPCClient",
            "",
            "        public init(_ transport: any RPCClient) {",
            "            self.transport = transport",
            "        }",
        ]
        for method in service.methods {
            let (name, request, reply) = signature(method)
            lines += [
                "",
                "        /// `\(method.name)`.",
                "        public func \(name)(_ request: \(request), options: CallOptions = CallOptions()) async throws",
                "            -> \(reply)",
                "        {",
                "            try await transport.call(\(namespace).\(name), request, options: options)",
                "        }",
            ]
        }
        return lines + ["    }", "}"]
    }
}
