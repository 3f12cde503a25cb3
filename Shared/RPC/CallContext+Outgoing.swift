import Tracing

extension CallContext {
    /// The context of a call about to leave: its deadline is the call's timeout (or
    /// `defaultTimeout`) capped by the enclosing call's, and it carries on the
    /// enclosing call's trace id, metadata and acting employee unless `options` set them.
    public static func outgoing(requestID: String, options: CallOptions, defaultTimeout: Duration) -> CallContext {
        let enclosing = current
        var deadline = monotonicMilliseconds() + (options.timeout ?? defaultTimeout).wholeMilliseconds
        if let outer = enclosing?.deadline { deadline = min(deadline, outer) }
        var metadata = (enclosing?.metadata ?? [:]).merging(options.metadata) { $1 }
        // The span the call is made in becomes the parent of the callee's (`TracingInterceptor`).
        if let span = ServiceContext.current {
            InstrumentationSystem.instrument.inject(span, into: &metadata, using: MetadataCarrier())
        }
        return CallContext(
            deadline: deadline, requestID: requestID, traceID: options.traceID ?? enclosing?.traceID ?? requestID,
            idempotencyKey: options.idempotencyKey, metadata: metadata, actor: options.actor ?? enclosing?.actor)
    }
}
