import Hummingbird

extension RouterMethods {
    /// Adds a Meta webhook (Messenger and WhatsApp) at `path`: GET answers the
    /// subscription handshake, POST takes signed deliveries and passes their messages and
    /// statuses to `sink`, answering 200 only once the sink has returned.
    ///
    /// ```swift
    /// router.addMetaWebhookRoutes(at: "/meta/webhook", appSecret: secret, verifyToken: token) { messages, statuses in
    ///     try await store.save(messages, statuses)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - path: The webhook's path, as set in the Meta app.
    ///   - appSecret: The app secret that signs deliveries (`X-Hub-Signature-256`).
    ///   - verifyToken: The token the handshake must carry.
    ///   - maxBodyBytes: Largest delivery accepted (default 1 MiB); larger ones get 413.
    ///   - sink: Stores each delivery's messages and statuses; throwing answers 503 so
    ///     Meta retries.
    @discardableResult
    public func addMetaWebhookRoutes(
        at path: RouterPath, appSecret: String, verifyToken: String, maxBodyBytes: Int = 1 << 20,
        sink: @escaping MetaWebhookSink
    ) -> Self {
        let endpoint = MetaWebhookEndpoint(
            appSecret: appSecret, verifyToken: verifyToken, maxBodyBytes: maxBodyBytes, sink: sink)
        get(path) { request, _ in endpoint.verify(request) }
        post(path) { request, context in await endpoint.deliver(request, logger: context.logger) }
        return self
    }
}
