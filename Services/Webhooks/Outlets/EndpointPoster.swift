import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs a webhook to its endpoint and says how it went: the status, how long it
/// took, and for a failure the start of the answer or why there was none. Redirects
/// are not followed (a 3xx is a failure), so a signed body goes only where the
/// subscription says.
struct EndpointPoster: Sendable {
    let client: HTTPClient

    /// The process's client for webhooks: redirects off, answers not decompressed.
    /// Like `HTTPClient.shared` it lives as long as the process and is never shut down.
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    init(client: HTTPClient = EndpointPoster.shared) {
        self.client = client
    }

    /// One attempt, bounded by `timeoutMs`; never throws (a failure is in the result).
    func post(
        url: String, headers: [(String, String)], body: String, timeoutMs: Int64, clock: @Sendable () -> Int64
    ) async -> AttemptResult {
        let startedMs = clock()
        let started = ContinuousClock.now
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "user-agent", value: "Glimlach-Webhooks/1")
        request.body = .bytes(ByteBuffer(string: body))
        var status: Int?
        var failure: String?
        do {
            let response = try await client.execute(request, timeout: .milliseconds(timeoutMs))
            status = Int(response.status.code)
            var answer = Data()
            // The start of the answer is enough for the log; the rest is not read.
            for try await chunk in response.body {
                answer.append(contentsOf: chunk.readableBytesView.prefix(300 - answer.count))
                if answer.count >= 300 { break }
            }
            if !(200..<300).contains(status ?? 0) {
                let text = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                failure = text.isEmpty ? response.status.reasonPhrase : text
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            failure = "no answer within \(timeoutMs) ms"
        } catch {
            failure = status == nil ? "no answer: \(Self.describe(error))" : "answer cut off: \(Self.describe(error))"
        }
        let elapsed = ContinuousClock.now - started
        return AttemptResult(
            attemptedAtMs: startedMs, statusCode: status,
            durationMs: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000,
            error: failure)
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error).prefix(300).description
    }
}
