import Bus
import Logging
import ServiceKit
import Testing

/// What a caller receives when a store or a rule says no from inside a transaction:
/// the status and message, through the router, though neither throws an `RPCError`.
@Suite("Store errors and refusals answer with their statuses")
struct StoreErrorTests {
    /// The failure a router answers when its one method throws `error`.
    func answer(_ error: any Error & Sendable) async -> RPCError? {
        var router = ServiceRouter(service: "probe")
        router.register(raw: "Fail") { _, _ in throw error }
        let context = CallContext(deadline: nil, requestID: "req-1", traceID: "trace-1")
        let result = await router.handle(
            method: "Fail", payload: [], context: context, logger: Logger(label: "test"))
        guard case .failure(let failure) = result else { return nil }
        return failure
    }

    @Test("a missing row is NOT_FOUND naming it; a missing value is INVALID_ARGUMENT naming the field")
    func storeErrors() async {
        #expect(await answer(StoreError.notFound("employee", "emp-1")) == RPCError(.notFound, "no employee 'emp-1'"))
        #expect(
            await answer(StoreError.absent("no survey for this link")) == RPCError(.notFound, "no survey for this link")
        )
        #expect(
            await answer(StoreError.missing("employee_id")) == RPCError(.invalidArgument, "employee_id: must be set"))
    }

    @Test("refusals are FAILED_PRECONDITION, ALREADY_EXISTS, PERMISSION_DENIED or INVALID_ARGUMENT")
    func refusals() async {
        #expect(await answer(Refusal.precondition("emp-1 has left")) == RPCError(.failedPrecondition, "emp-1 has left"))
        #expect(await answer(Refusal.exists("answered already")) == RPCError(.alreadyExists, "answered already"))
        #expect(await answer(Refusal.permission("not a lead")) == RPCError(.permissionDenied, "not a lead"))
        #expect(
            await answer(Refusal.invalid(field: "amount.currency", "must be EUR"))
                == RPCError(.invalidArgument, "amount.currency: must be EUR"))
    }

    @Test("an unset value a command needs throws instead of crashing")
    func stored() throws {
        let unset: String? = nil
        #expect(throws: StoreError.missing("team_id")) { try unset.stored("team_id") }
        #expect(try Optional("team-1").stored("team_id") == "team-1")
    }
}
