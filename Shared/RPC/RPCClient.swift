import Wire

/// What services and tools call other services through, whatever the transport:
/// the bus's `BusClient`, or `InMemoryTransport` in tests.
///
/// ```swift
/// let reply = try await client.call(Staff.getEmployee, Staff.GetEmployeeRequest(employee_id: "E-1"))
/// ```
public protocol RPCClient: Sendable {
    /// Calls a method with an encoded payload and returns the encoded reply.
    /// - Throws: `RPCError` with the status the service or the transport gave
    ///   (DEADLINE_EXCEEDED when no reply came in time, CANCELLED when the task was,
    ///   UNAVAILABLE when nobody serves the service).
    func call(service: String, method: String, payload: [UInt8], idempotent: Bool, options: CallOptions)
        async throws -> [UInt8]
}

extension RPCClient {
    /// Calls `method` with `request` and decodes the reply.
    /// - Throws: `RPCError`, as `call(service:method:payload:idempotent:options:)`.
    public func call<Request, Reply>(
        _ method: Method<Request, Reply>, _ request: Request, options: CallOptions = CallOptions()
    ) async throws -> Reply {
        let payload: [UInt8]
        do { payload = try request.wireBytes() } catch let error as WireError {
            throw RPCError(.invalidArgument, error.description)
        }
        let reply = try await call(
            service: method.service, method: method.name, payload: payload, idempotent: method.idempotent,
            options: options)
        do { return try Reply(wireBytes: reply) } catch let error as WireError {
            throw RPCError(.internal, "reply of \(method.service).\(method.name) does not decode: \(error)")
        }
    }
}
