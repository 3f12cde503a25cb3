import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension GraphSender {
    /// The result of one attempt.
    enum Outcome {
        case sent(id: String)
        case permanent(GraphSendError)
        case transient(problem: String, retryAfter: Duration?)
    }

    /// POSTs `body` as JSON to `path`, retrying passing failures by `retry`.
    ///
    /// - Returns: The message id in the answer.
    /// - Throws: `GraphSendError.rejected`, `.unavailable` or `.unexpectedResponse`;
    ///   `CancellationError` when the task is cancelled.
    func post(path: String, body: some Encodable) async throws -> String {
        let payload = try JSONEncoder().encode(body)
        let target = url(path)
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await send(payload, to: target)
            try Task.checkCancellation()
            switch outcome {
            case .sent(let id):
                return id
            case .permanent(let error):
                throw error
            case .transient(let problem, let retryAfter):
                guard attempt < retry.maxAttempts else {
                    throw GraphSendError.unavailable(attempts: attempt, lastProblem: problem)
                }
                let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
                guard clock.now - start + wait <= retry.maxTotalTime else {
                    throw GraphSendError.unavailable(
                        attempts: attempt, lastProblem: "\(problem); waiting \(wait) more would pass the time budget")
                }
                logger.notice(
                    "graph: retrying a send",
                    metadata: ["path": "\(path)", "attempt": "\(attempt)", "problem": "\(problem)", "wait": "\(wait)"])
                try await Task.sleep(for: wait)
            }
        }
    }

    /// One attempt: 2xx with an id is sent; 429, 5xx, Graph's rate-limit codes and
    /// connection errors are passing; any other status is permanent, with Graph's
    /// `error.message` and codes.
    private func send(_ payload: Data, to target: String) async -> Outcome {
        var request = HTTPClientRequest(url: target)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: payload))
        let timeout = TimeAmount.nanoseconds(Int64((requestTimeout / .nanoseconds(1)).rounded()))
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            let answer = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            let status = Int(response.status.code)
            switch status {
            case 200..<300:
                guard let id = (try? JSONDecoder().decode(GraphBodies.SendAnswer.self, from: answer))?.id else {
                    return .permanent(
                        .unexpectedResponse("message_id: is missing in \(String(decoding: answer, as: UTF8.self))"))
                }
                return .sent(id: id)
            case 429, 500...:
                let detail = Self.errorDetail(answer)?.message.map { ": \($0)" } ?? ""
                return .transient(problem: "HTTP \(status)\(detail)", retryAfter: Self.retryAfter(response.headers))
            default:
                let detail = Self.errorDetail(answer)
                if let code = detail?.code, Self.throttlingCodes.contains(code) {
                    return .transient(
                        problem: "HTTP \(status) rate limit (code \(code)): \(detail?.message ?? "")",
                        retryAfter: Self.retryAfter(response.headers))
                }
                return .permanent(
                    .rejected(
                        status: status, code: detail?.code, subcode: detail?.errorSubcode,
                        message: detail?.message ?? String(decoding: answer.prefix(500), as: UTF8.self)))
            }
        } catch {
            return .transient(problem: "\(error)", retryAfter: nil)
        }
    }

    /// Graph's rate limits, which it may answer with 400 instead of 429: application,
    /// user and Page request limits (4, 17, 32), calls within an hour (613), business
    /// use case limits (80001-80014) and WhatsApp's account and pair limits (130429,
    /// 131056). Passing: tried again with back-off.
    static let throttlingCodes: Set<Int> = Set([4, 17, 32, 613, 130429, 131056]).union(80001...80014)

    private static func errorDetail(_ answer: Data) -> GraphBodies.ErrorAnswer.Detail? {
        (try? JSONDecoder().decode(GraphBodies.ErrorAnswer.self, from: answer))?.error
    }

    /// `Retry-After` in its delay-seconds form; an HTTP date is ignored (the back-off
    /// applies then).
    private static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            .map { .seconds(max(0, $0)) }
    }
}
