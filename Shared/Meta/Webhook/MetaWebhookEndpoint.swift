import Domain
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Where a Meta webhook delivery's contents go. It returns once they are stored durably;
/// throwing makes the endpoint answer 503 so Meta delivers the same body again later.
public typealias MetaWebhookSink = @Sendable ([InboundSocialMessage], [SocialDeliveryStatus]) async throws -> Void

/// The two requests of a Meta webhook: the subscription handshake (GET) and signed
/// deliveries (POST). `RouterMethods.addMetaWebhookRoutes` puts them on a router.
public struct MetaWebhookEndpoint: Sendable {
    /// The app secret that signs deliveries.
    public var appSecret: String
    /// The token typed into the Meta app's webhook settings.
    public var verifyToken: String
    /// Largest body accepted, in bytes; larger ones get 413.
    public var maxBodyBytes: Int
    /// Gets each delivery's messages and statuses.
    public var sink: MetaWebhookSink

    /// An endpoint.
    ///
    /// - Parameters:
    ///   - appSecret: The app secret that signs deliveries.
    ///   - verifyToken: The handshake token.
    ///   - maxBodyBytes: Largest body accepted (default 1 MiB).
    ///   - sink: Stores the contents of each delivery.
    public init(appSecret: String, verifyToken: String, maxBodyBytes: Int = 1 << 20, sink: @escaping MetaWebhookSink) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.maxBodyBytes = maxBodyBytes
        self.sink = sink
    }

    /// Answers the handshake: 200 with the challenge as plain text when `hub.mode` is
    /// `subscribe` and `hub.verify_token` is ours, 403 otherwise.
    ///
    /// - Parameters:
    ///   - request: The GET request.
    public func verify(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        let answer = WebhookVerification(
            mode: query["hub.mode"].map(String.init), token: query["hub.verify_token"].map(String.init),
            challenge: query["hub.challenge"].map(String.init), verifyToken: verifyToken)
        switch answer {
        case .accept(let challenge): return Self.text(.ok, challenge)
        case .forbidden: return Self.text(.forbidden, "hub.verify_token: does not match")
        case .invalid(let reason): return Self.text(.badRequest, reason)
        }
    }

    /// Takes a delivery: 413 when the body is too large, 401 when the signature is
    /// missing or wrong, 400 naming the field when the body is malformed, 503 when the
    /// sink throws, and 200 only after the sink returned. A delivery with nothing to
    /// pass on (echoes, receipts) is answered 200 without calling the sink.
    ///
    /// - Parameters:
    ///   - request: The POST request.
    ///   - logger: Where rejections and sink failures are logged.
    public func deliver(_ request: Request, logger: Logger) async -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            return Self.text(.contentTooLarge, "body: must be at most \(maxBodyBytes) bytes")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return Self.text(.contentTooLarge, "body: must be at most \(maxBodyBytes) bytes")
        } catch {
            return Self.text(.badRequest, "body: could not be read")
        }
        let bytes = body.readableBytesView
        let signature = request.headers.first { $0.name.canonicalName == "x-hub-signature-256" }?.value
        guard WebhookSignature.isValid(header: signature, body: bytes, appSecret: appSecret) else {
            logger.warning("meta webhook: rejected a delivery with a missing or wrong signature")
            let reason = signature == nil ? "is missing" : "does not match the body"
            return Self.text(.unauthorized, "\(WebhookSignature.headerName): \(reason)")
        }
        let batch: MetaWebhookBatch
        do {
            batch = try MetaWebhookParser.parse(Data(bytes))
        } catch {
            logger.warning("meta webhook: malformed delivery", metadata: ["error": "\(error)"])
            return Self.text(.badRequest, String(describing: error))
        }
        guard !batch.isEmpty else { return Self.text(.ok, "EVENT_RECEIVED") }
        do {
            try await sink(batch.messages, batch.statuses)
        } catch {
            logger.error("meta webhook: could not store a delivery", metadata: ["error": "\(error)"])
            return Self.text(.serviceUnavailable, "not stored, deliver again")
        }
        return Self.text(.ok, "EVENT_RECEIVED")
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
